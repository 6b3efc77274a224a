# Copyright (c) 2026, The my_tasks Project Developers.
# SPDX-License-Identifier: BSD-3-Clause

"""Train a policy with skrl (PPO).

    python scripts/skrl/train.py --task MyTasks-Cartpole-Direct --num_envs 256 --device cpu
    python scripts/skrl/train.py --task MyTasks-Cartpole --max_iterations 50 agent.agent.learning_rate=3e-4
    ./isaaclab.sh -p scripts/skrl/train.py --task MyTasks-Cartpole-Direct    (inside Isaac Sim)
    python -m torch.distributed.run --nproc_per_node=2 scripts/skrl/train.py --task MyTasks-Cartpole --distributed

The script is the training pipeline, top to bottom: command line -> task configs -> simulation ->
env (gym.make) -> skrl wrapper -> models -> memory -> agent -> trainer -> train.
The agent config is skrl's runner YAML (sections models, memory, agent, trainer); ``agent.<section>.<key>=``
overrides change it. Everything the three libraries share is in ``my_tasks.rl``.
"""

import gymnasium as gym

from isaaclab.app import launch_simulation

from isaaclab_rl.skrl import SkrlVecEnvWrapper, check_skrl_version

import my_tasks  # noqa: F401  (importing it registers the MyTasks-* tasks with gymnasium)
from my_tasks.rl import checkpoints, cli, distributed, runs, tasks, video
from my_tasks.rl.errors import run_main

LIBRARY = "skrl"


def main() -> None:
    # 1. The command line: our flags, Isaac Lab's launcher flags (--device, --viz), trailing overrides.
    #    With --distributed, torchrun started one such process (rank) per GPU; args.device is this rank's GPU.
    args = cli.parse_args("train", LIBRARY)
    ranks = args.ranks
    # skrl joins torchrun's process group (NCCL) when it is imported, so it is imported after the checks above
    from skrl.memories.torch import RandomMemory
    from skrl.trainers.torch import SequentialTrainer
    from skrl.utils import set_seed

    from my_tasks.rl import skrl_agent

    check_skrl_version()

    # 2. The task's configs, as its gym.register call names them, with presets and overrides applied.
    env_cfg, agent_cfg = tasks.resolve_configs(args.task, LIBRARY, args.overrides)
    agent_cfg["seed"] = args.seed if args.seed is not None else agent_cfg["seed"]
    rollouts = agent_cfg["agent"]["rollouts"]  # one iteration: `rollouts` steps of every env, then an update
    iterations = args.max_iterations or agent_cfg["trainer"]["timesteps"] // rollouts
    experiment = args.experiment_name or agent_cfg["agent"]["experiment"]["directory"]
    tasks.configure_env(
        env_cfg, num_envs=args.num_envs, device=args.device, seed=distributed.rank_seed(agent_cfg["seed"], ranks)
    )

    # 3. Where to resume from and where to write, decided before anything starts. Only rank 0 writes.
    resume_from = checkpoints.resume_checkpoint(args, library=LIBRARY, task=args.task, experiment=experiment)
    run_dir = runs.new_run_dir(LIBRARY, experiment, args.run_name)
    if ranks.is_main:
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
        #    With several ranks the agent starts from rank 0's weights and averages the gradients of all ranks;
        #    rank 0 alone writes TensorBoard events and checkpoints (skrl's distributed config).
        set_seed(agent_cfg["seed"])  # skrl adds the rank itself
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
        resume_from = distributed.rank_zero_choice(resume_from)  # every rank loads the checkpoint rank 0 found
        if resume_from is not None:
            agent.load(str(resume_from))  # weights, optimiser, preprocessors, and the timestep to continue from
            print(f"[my_tasks] resuming from {resume_from} at iteration {agent.iteration + 1}")
        if ranks.is_main:
            runs.record_run(
                run_dir,
                task=args.task,
                library=LIBRARY,
                env_cfg=env_cfg,
                agent_cfg=agent_cfg,
                resumed_from=resume_from,
                world_size=ranks.world_size,
            )
        trainer = SequentialTrainer(
            env=env, agents=agent, cfg=skrl_agent.trainer_cfg(agent_cfg["trainer"], timesteps=iterations * rollouts)
        )

        # 7. Train: every step the agent acts, the env steps (and resets finished episodes itself), the
        #    transition goes into memory; every `rollouts` steps PPO updates. skrl writes TensorBoard events and
        #    checkpoints/agent_<timestep>.pt into the run folder; Ctrl-C saves one too (with several ranks:
        #    all stop after the same iteration, and rank 0 saves). The progress line counts the steps of all ranks.
        if ranks.is_main:
            agent.start_progress(iterations * rollouts, env.num_envs * ranks.world_size)
        save_now = (lambda: skrl_agent.save_final(agent)) if ranks.is_main else None
        with checkpoints.save_on_interrupt(save_now), distributed.stop_together(ranks):
            trainer.train()
        if ranks.is_main:
            skrl_agent.save_final(agent)
        env.close()
    if ranks.is_main:
        print(f"[my_tasks] run dir: {run_dir}")


if __name__ == "__main__":
    run_main(main)
