# Copyright (c) 2026, The my_tasks Project Developers.
# SPDX-License-Identifier: BSD-3-Clause

"""Play a policy trained with Stable-Baselines3: evaluate it, then export it for deployment.

    python scripts/sb3/play.py --task MyTasks-Cartpole-Direct                  (the latest checkpoint)
    python scripts/sb3/play.py --task MyTasks-Cartpole-Direct --checkpoint logs/sb3/MyTasks-Cartpole-Direct/<run>

The pipeline, top to bottom: command line -> task configs in play mode -> checkpoint -> simulation ->
env (gym.make) -> SB3 wrapper -> VecNormalize with the trained statistics -> PPO with the trained weights ->
evaluate (``eval.json``) -> export (``exported/policy.{pt,onnx,yaml}``), both into the checkpoint's run folder.
"""

import gymnasium as gym
import torch
from stable_baselines3 import PPO

from isaaclab.app import launch_simulation

from isaaclab_rl.sb3 import Sb3VecEnvWrapper

import my_tasks  # noqa: F401  (importing it registers the MyTasks-* tasks with gymnasium)
from my_tasks.rl import checkpoints, cli, evaluate, export, sb3_agent, tasks, video
from my_tasks.rl.errors import run_main

LIBRARY = "sb3"


def main() -> None:
    # 1. The command line, then the task's configs in play mode (fewer envs, no observation noise).
    args = cli.parse_args("play", LIBRARY)
    env_cfg, agent_cfg = tasks.resolve_configs(args.task, LIBRARY, args.overrides, play_mode=True)
    agent_cfg["seed"] = args.seed if args.seed is not None else agent_cfg["seed"]
    tasks.configure_env(
        env_cfg, num_envs=args.num_envs, device=args.device, seed=agent_cfg["seed"], command=args.command
    )

    # 2. The checkpoint; results go into its run folder.
    checkpoint = checkpoints.resolve_checkpoint(
        args.checkpoint,
        library=LIBRARY,
        task=args.task,
        experiment=args.experiment_name or args.task,
        run_name=args.run_name,
    )
    run_dir = checkpoints.run_dir_of(checkpoint)
    video.configure_recording(env_cfg, args, run_dir, subdir="play")

    with launch_simulation(env_cfg, args):
        # 3. The env, wrapped as in training; the normaliser keeps the trained statistics and stops updating them.
        env = gym.make(args.task, cfg=env_cfg)
        env = Sb3VecEnvWrapper(env)
        policy, ppo_kwargs, normalization = sb3_agent.split_cfg(agent_cfg, env.num_envs)
        env = sb3_agent.normalize(env, normalization, gamma=ppo_kwargs.get("gamma", 0.99))
        model = PPO(policy, env, device=args.device, **ppo_kwargs)
        sb3_agent.load_checkpoint(model, checkpoint)
        if model.get_vec_normalize_env() is not None:
            model.get_vec_normalize_env().training = False
        print(f"[my_tasks] loaded {checkpoint}")

        # 4. Evaluate: run whole episodes with the deterministic action and summarise them in eval.json.
        obs = env.reset()

        def step():
            nonlocal obs
            actions, _ = model.predict(obs, deterministic=True)
            obs, rewards, dones, _ = env.step(actions)
            return torch.as_tensor(rewards), torch.as_tensor(dones), env.unwrapped.extras

        evaluate.evaluate_and_record(
            step, env=env, args=args, library=LIBRARY, checkpoint=checkpoint, seed=agent_cfg["seed"]
        )

        # 5. Export: VecNormalize's statistics, the actor's mean action and SB3's clip to the action bounds as one
        #    module, traced to TorchScript and exported to ONNX, checked against SB3's own predict() on real
        #    observations (the raw ones: the export normalises them itself).
        if not args.no_export:
            raw_obs = env.get_original_obs() if model.get_vec_normalize_env() is not None else obs
            expected, _ = model.predict(obs, deterministic=True)
            export.export_run(
                sb3_agent.Sb3Policy(model),
                env=env,
                task=args.task,
                library=LIBRARY,
                run_dir=run_dir,
                observations=torch.as_tensor(raw_obs, dtype=torch.float32),
                expected_actions=torch.as_tensor(expected, dtype=torch.float32),
                action_clip=sb3_agent.action_clip(model),
                jit="trace",
            )
        env.close()


if __name__ == "__main__":
    run_main(main)
