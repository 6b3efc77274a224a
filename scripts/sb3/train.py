# Copyright (c) 2026, The my_tasks Project Developers.
# SPDX-License-Identifier: BSD-3-Clause

"""Train a policy with Stable-Baselines3 (PPO).

    python scripts/sb3/train.py --task MyTasks-Cartpole-Direct --num_envs 256 --device cpu
    python scripts/sb3/train.py --task MyTasks-Cartpole --max_iterations 50 agent.learning_rate=1e-3
    ./isaaclab.sh -p scripts/sb3/train.py --task MyTasks-Cartpole-Direct    (inside Isaac Sim)

The script is the training pipeline, top to bottom: command line -> task configs -> simulation ->
env (gym.make) -> SB3 wrapper -> observation normalisation (VecNormalize) -> PPO -> learn.
The agent config holds PPO's constructor arguments; ``agent.<key>=`` overrides change them.
On a CUDA device the rollout stays on the GPU (``MY_TASKS_SB3_ROLLOUT=host`` selects SB3's numpy path,
``=device`` the GPU path on the CPU too).
Everything the three libraries share is in ``my_tasks.rl``.
"""

import gymnasium as gym
from stable_baselines3 import PPO
from stable_baselines3.common.logger import configure

from isaaclab.app import launch_simulation

from isaaclab_rl.sb3 import Sb3VecEnvWrapper

import my_tasks  # noqa: F401  (importing it registers the MyTasks-* tasks with gymnasium)
from my_tasks.rl import checkpoints, cli, runs, sb3_agent, sb3_device_env, sb3_device_ppo, tasks, video
from my_tasks.rl.errors import run_main

LIBRARY = "sb3"
SAVE_INTERVAL = 50  # iterations between checkpoints (and one at the end)


def main() -> None:
    # 1. The command line: our flags, Isaac Lab's launcher flags (--device, --viz), trailing overrides.
    args = cli.parse_args("train", LIBRARY)
    on_device = sb3_device_ppo.rollout_on_device(args.device)  # collect rollouts on the GPU (steps 5 and 7)

    # 2. The task's configs, as its gym.register call names them, with presets and overrides applied.
    env_cfg, agent_cfg = tasks.resolve_configs(args.task, LIBRARY, args.overrides)
    agent_cfg["seed"] = args.seed if args.seed is not None else agent_cfg["seed"]
    tasks.configure_env(env_cfg, num_envs=args.num_envs, device=args.device, seed=agent_cfg["seed"])
    num_envs = env_cfg.scene.num_envs
    # one iteration: n_steps steps of every env, then a PPO update; n_timesteps counts steps of all envs
    iterations = args.max_iterations or max(1, int(agent_cfg["n_timesteps"]) // (agent_cfg["n_steps"] * num_envs))
    experiment = args.experiment_name or args.task  # SB3's config has no experiment name: Isaac Lab uses the task

    # 3. Where to resume from and where to write, decided before anything starts.
    resume_from = checkpoints.resume_checkpoint(args, library=LIBRARY, task=args.task, experiment=experiment)
    run_dir = runs.new_run_dir(LIBRARY, experiment, args.run_name)
    video.configure_recording(env_cfg, args, run_dir, subdir="train")

    # 4. Start the simulation (kit-less Newton here; Isaac Sim's Kit when the config needs it).
    with launch_simulation(env_cfg, args):
        # 5. The env, exactly as gymnasium creates any registered env, then SB3's view of it: a VecEnv of numpy
        #    arrays, with the "policy" observations, actions clipped to a finite box, episode returns in the
        #    infos, and the observation after reset returned for finished envs (the final one in the infos).
        #    On a GPU the same view stays in torch tensors on the device, and so does the rollout (step 7).
        env = gym.make(args.task, cfg=env_cfg)
        env = sb3_device_env.TorchSb3VecEnv(env) if on_device else Sb3VecEnvWrapper(env)

        # 6. SB3 normalises observations outside the policy, with a VecNormalize wrapper around the env.
        policy, ppo_kwargs, normalization = sb3_agent.split_cfg(agent_cfg, num_envs)
        env = sb3_agent.normalize(env, normalization, gamma=ppo_kwargs.get("gamma", 0.99))

        # 7. PPO builds the actor-critic policy and its optimiser; its logger writes TensorBoard events and
        #    SB3's table into the run folder and the terminal. DeviceRolloutPPO is SB3's PPO collecting the
        #    rollout on the env's device; its update, checkpoints and logs are PPO's own.
        ppo_class = sb3_device_ppo.DeviceRolloutPPO if on_device else PPO
        model = ppo_class(policy, env, device=args.device, verbose=1, **ppo_kwargs)
        model.set_logger(configure(str(run_dir), ["stdout", "tensorboard"]))
        if resume_from is not None:
            sb3_agent.load_checkpoint(model, resume_from)  # weights, optimiser, timestep count, normaliser
            print(f"[my_tasks] resuming from {resume_from} at iteration {sb3_agent.iteration_of(model) + 1}")
        runs.record_run(
            run_dir, task=args.task, library=LIBRARY, env_cfg=env_cfg, agent_cfg=agent_cfg, resumed_from=resume_from
        )

        # 8. Learn: each iteration collects n_steps from every env, then updates PPO; the callback saves
        #    model_<iteration>.zip every SAVE_INTERVAL iterations and prints the progress line. Ctrl-C saves too.
        callback = sb3_agent.TrainingCallback(run_dir, SAVE_INTERVAL, iterations)
        with checkpoints.save_on_interrupt(lambda: sb3_agent.save_checkpoint(model, run_dir)):
            model.learn(
                total_timesteps=iterations * sb3_agent.steps_per_iteration(model),
                callback=callback,
                reset_num_timesteps=False,  # a resumed run keeps counting
            )
        sb3_agent.save_checkpoint(model, run_dir)
        env.close()
    print(f"[my_tasks] run dir: {run_dir}")


if __name__ == "__main__":
    run_main(main)
