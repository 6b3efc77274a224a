# Copyright (c) 2026, The my_tasks Project Developers.
# SPDX-License-Identifier: BSD-3-Clause

"""Play a policy trained with rsl_rl: evaluate it, then export it for deployment.

    python scripts/rsl_rl/play.py --task MyTasks-Cartpole-Direct                  (the latest checkpoint)
    python scripts/rsl_rl/play.py --task MyTasks-Cartpole-Direct --checkpoint logs/rsl_rl/cartpole_direct/<run>
    python scripts/rsl_rl/play.py --task MyTasks-Velocity-Flat-Go2 --command 1.0 0 0   (walk forward at 1 m/s)

The pipeline, top to bottom: command line -> task configs in play mode -> checkpoint -> simulation ->
env (gym.make) -> rsl_rl wrapper -> runner and its inference policy -> evaluate (``eval.json``) ->
export (``exported/policy.{pt,onnx,yaml}``), both into the checkpoint's run folder.
"""

import gymnasium as gym
import torch

from isaaclab.app import launch_simulation

from isaaclab_rl.rsl_rl import RslRlVecEnvWrapper, check_rsl_rl_version, handle_deprecated_rsl_rl_cfg

import my_tasks  # noqa: F401  (importing it registers the MyTasks-* tasks with gymnasium)
from my_tasks.rl import checkpoints, cli, evaluate, export, tasks, video
from my_tasks.rl.errors import run_main
from my_tasks.rl.rsl_rl_runner import OnPolicyRunnerWithResume

LIBRARY = "rsl_rl"


def main() -> None:
    # 1. The command line, then the task's configs in play mode (fewer envs, no observation noise).
    args = cli.parse_args("play", LIBRARY)
    env_cfg, agent_cfg = tasks.resolve_configs(args.task, LIBRARY, args.overrides, play_mode=True)
    agent_cfg = handle_deprecated_rsl_rl_cfg(agent_cfg, check_rsl_rl_version())
    agent_cfg.device = args.device
    agent_cfg.seed = args.seed if args.seed is not None else agent_cfg.seed
    tasks.configure_env(env_cfg, num_envs=args.num_envs, device=args.device, seed=agent_cfg.seed, command=args.command)

    # 2. The checkpoint; results go into its run folder.
    checkpoint = checkpoints.resolve_checkpoint(
        args.checkpoint,
        library=LIBRARY,
        task=args.task,
        experiment=args.experiment_name or agent_cfg.experiment_name,
        run_name=args.run_name,
    )
    run_dir = checkpoints.run_dir_of(checkpoint)
    video.configure_recording(env_cfg, args, run_dir, subdir="play")

    with launch_simulation(env_cfg, args):
        # 3. The env and the policy, built exactly as in training, then the trained weights.
        env = gym.make(args.task, cfg=env_cfg)
        env = RslRlVecEnvWrapper(env, clip_actions=agent_cfg.clip_actions)
        runner = OnPolicyRunnerWithResume(env, agent_cfg.to_dict(), log_dir=None, device=agent_cfg.device)
        runner.load(str(checkpoint))
        print(f"[my_tasks] loaded {checkpoint}")
        policy = runner.get_inference_policy(device=env.unwrapped.device)  # deterministic actions

        # 4. Evaluate: run whole episodes and summarise them in eval.json.
        obs = env.get_observations()

        def step():
            nonlocal obs
            with torch.inference_mode():
                obs, rewards, dones, extras = env.step(policy(obs))
                policy.reset(dones)  # clears recurrent state of finished episodes (no-op for MLPs)
            return rewards, dones, extras

        evaluate.evaluate_and_record(
            step, env=env, args=args, library=LIBRARY, checkpoint=checkpoint, seed=agent_cfg.seed
        )

        # 5. Export: rsl_rl's own export model (the actor, its observation normalizer, the mean action)
        #    as TorchScript and ONNX, checked against the in-memory policy on real observations. We write the
        #    files ourselves because rsl_rl's export_policy_to_onnx fixes the batch size to 1 and has no metadata.
        if not args.no_export:
            with torch.inference_mode():
                actor_input = torch.cat([obs[group] for group in policy.obs_groups], dim=-1)
                expected = policy(obs)
            export.export_run(
                policy.as_jit(),
                env=env,
                task=args.task,
                library=LIBRARY,
                run_dir=run_dir,
                observations=actor_input,
                expected_actions=expected,
                action_clip=agent_cfg.clip_actions,
            )
        env.close()


if __name__ == "__main__":
    run_main(main)
