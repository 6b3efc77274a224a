# Copyright (c) 2026, The my_tasks Project Developers.
# SPDX-License-Identifier: BSD-3-Clause

"""Train a policy with skrl (PPO).

    python scripts/skrl/train.py --task MyTasks-Cartpole-Direct --num_envs 256 --device cpu
    python scripts/skrl/train.py --task MyTasks-Cartpole --max_iterations 50 agent.agent.learning_rate=3e-4
    ./isaaclab.sh -p scripts/skrl/train.py --task MyTasks-Cartpole-Direct    (inside Isaac Sim)

The script is the training pipeline, top to bottom: command line -> task configs -> simulation ->
env (gym.make) -> skrl wrapper -> models -> memory -> agent -> trainer -> train.
The agent config is skrl's runner YAML (sections models, memory, agent, trainer); ``agent.<section>.<key>=``
overrides change it. Everything the three libraries share is in ``my_tasks.rl``.
"""

import gymnasium as gym
from skrl.memories.torch import RandomMemory
from skrl.trainers.torch import SequentialTrainer
from skrl.utils import set_seed

from isaaclab.app import launch_simulation

from isaaclab_rl.skrl import SkrlVecEnvWrapper, check_skrl_version

import my_tasks  # noqa: F401  (importing it registers the MyTasks-* tasks with gymnasium)
from my_tasks.rl import checkpoints, cli, runs, skrl_agent, tasks, video
from my_tasks.rl.errors import run_main

LIBRARY = "skrl"


def main() -> None:
    # 1. The command line: our flags, Isaac Lab's launcher flags (--device, --viz), trailing overrides.
    args = cli.parse_args("train", LIBRARY)
    check_skrl_version()

    # 2. The task's configs, as its gym.register call names them, with presets and overrides applied.
    env_cfg, agent_cfg = tasks.resolve_configs(args.task, LIBRARY, args.overrides)
    agent_cfg["seed"] = args.seed if args.seed is not None else agent_cfg["seed"]
    rollouts = agent_cfg["agent"]["rollouts"]  # one iteration: `rollouts` steps of every env, then an update
    iterations = args.max_iterations or agent_cfg["trainer"]["timesteps"] // rollouts
    experiment = args.experiment_name or agent_cfg["agent"]["experiment"]["directory"]
    tasks.configure_env(env_cfg, num_envs=args.num_envs, device=args.device, seed=agent_cfg["seed"])

    # 3. Where to resume from and where to write, decided before anything starts.
    resume_from = checkpoints.resume_checkpoint(args, library=LIBRARY, task=args.task, experiment=experiment)
    run_dir = runs.new_run_dir(LIBRARY, experiment, args.run_name)
    video.configure_recording(env_cfg, args, run_dir, subdir="train")

    # 4. Start the simulation (kit-less Newton here; Isaac Sim's Kit when the config needs it).
    with launch_simulation(env_cfg, args):
        # 5. The env, exactly as gymnasium creates any registered env, then skrl's view of it: the "policy"
        #    observations as one tensor, rewards and dones as [num_envs, 1] columns, the env's own resets.
        env = gym.make(args.task, cfg=env_cfg)
        env = SkrlVecEnvWrapper(env, ml_framework="torch")

        # 6. skrl's pieces, one by one (skrl's Runner would build the same four from the YAML):
        #    models: the policy (Gaussian) and value networks; memory: the rollout buffer;
        #    agent: PPO with its optimiser and observation preprocessor; trainer: the loop that steps the env.
        set_seed(agent_cfg["seed"])
        models = skrl_agent.build_models(env, agent_cfg["models"])
        memory = RandomMemory(memory_size=rollouts, num_envs=env.num_envs, device=env.device)
        ppo_cfg = skrl_agent.ppo_cfg(agent_cfg["agent"], env, run_dir)
        skrl_agent.resolve_intervals(ppo_cfg, iterations)
        agent = skrl_agent.PPO(
            models=models,
            memory=memory,
            observation_space=env.observation_space,
            state_space=env.state_space,
            action_space=env.action_space,
            device=env.device,
            cfg=ppo_cfg,
        )
        if resume_from is not None:
            agent.load(str(resume_from))  # weights, optimiser, preprocessors, and the timestep to continue from
            print(f"[my_tasks] resuming from {resume_from} at iteration {agent.iteration + 1}")
        runs.record_run(
            run_dir, task=args.task, library=LIBRARY, env_cfg=env_cfg, agent_cfg=agent_cfg, resumed_from=resume_from
        )
        trainer = SequentialTrainer(
            env=env, agents=agent, cfg=skrl_agent.trainer_cfg(agent_cfg["trainer"], timesteps=iterations * rollouts)
        )

        # 7. Train: every step the agent acts, the env steps (and resets finished episodes itself), the
        #    transition goes into memory; every `rollouts` steps PPO updates. skrl writes TensorBoard events and
        #    checkpoints/agent_<timestep>.pt into the run folder; Ctrl-C saves one too.
        agent.start_progress(iterations * rollouts, env.num_envs)
        with checkpoints.save_on_interrupt(lambda: skrl_agent.save_final(agent)):
            trainer.train()
        skrl_agent.save_final(agent)
        env.close()
    print(f"[my_tasks] run dir: {run_dir}")


if __name__ == "__main__":
    run_main(main)
