# Copyright (c) 2026, The my_tasks Project Developers.
# SPDX-License-Identifier: BSD-3-Clause

"""Play a policy trained with skrl: evaluate it, then export it for deployment.

    python scripts/skrl/play.py --task MyTasks-Cartpole-Direct                  (the latest checkpoint)
    python scripts/skrl/play.py --task MyTasks-Cartpole-Direct --checkpoint logs/skrl/cartpole_direct/<run>

The pipeline, top to bottom: command line -> task configs in play mode -> checkpoint -> simulation ->
env (gym.make) -> skrl wrapper -> models -> agent with the trained weights -> evaluate (``eval.json``) ->
export (``exported/policy.{pt,onnx,yaml}``), both into the checkpoint's run folder.
"""

import gymnasium as gym
import torch

from isaaclab.app import launch_simulation

from isaaclab_rl.skrl import SkrlVecEnvWrapper, check_skrl_version

import my_tasks  # noqa: F401  (importing it registers the MyTasks-* tasks with gymnasium)
from my_tasks.rl import checkpoints, cli, evaluate, export, skrl_agent, tasks, video
from my_tasks.rl.errors import run_main

LIBRARY = "skrl"


def main() -> None:
    # 1. The command line, then the task's configs in play mode (fewer envs, no observation noise).
    args = cli.parse_args("play", LIBRARY)
    check_skrl_version()
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
        experiment=args.experiment_name or agent_cfg["agent"]["experiment"]["directory"],
        run_name=args.run_name,
    )
    run_dir = checkpoints.run_dir_of(checkpoint)
    video.configure_recording(env_cfg, args, run_dir, subdir="play")

    with launch_simulation(env_cfg, args):
        # 3. The env and the agent, built exactly as in training (no memory: nothing is learned), then the weights.
        env = gym.make(args.task, cfg=env_cfg)
        env = SkrlVecEnvWrapper(env, ml_framework="torch")
        agent = skrl_agent.PPO(
            models=skrl_agent.build_models(env, agent_cfg["models"]),
            memory=None,
            observation_space=env.observation_space,
            state_space=env.state_space,
            action_space=env.action_space,
            device=env.device,
            cfg=skrl_agent.ppo_cfg(agent_cfg["agent"], env, run_dir=None),
        )
        agent.load(str(checkpoint))
        agent.enable_training_mode(False, apply_to_models=True)
        print(f"[my_tasks] loaded {checkpoint}")

        # 4. Evaluate: run whole episodes with the deterministic (mean) action and summarise them in eval.json.
        obs, _ = env.reset()

        def step():
            nonlocal obs
            with torch.inference_mode():
                _, outputs = agent.act(obs, env.state(), timestep=0, timesteps=0)
                obs, rewards, terminated, truncated, _ = env.step(outputs["mean_actions"])
            return rewards, terminated | truncated, env.unwrapped.extras

        evaluate.evaluate_and_record(
            step, env=env, args=args, library=LIBRARY, checkpoint=checkpoint, seed=agent_cfg["seed"]
        )

        # 5. Export: the observation preprocessor and the policy's mean action as one module, traced to
        #    TorchScript (skrl generates its models' code, which the TorchScript compiler cannot read) and ONNX,
        #    checked against the agent's own deterministic action on real observations.
        if not args.no_export:
            with torch.inference_mode():
                _, outputs = agent.act(obs, env.state(), timestep=0, timesteps=0)
            export.export_run(
                skrl_agent.SkrlPolicy(agent),
                env=env,
                task=args.task,
                library=LIBRARY,
                run_dir=run_dir,
                observations=obs,
                expected_actions=outputs["mean_actions"],
                action_clip=None,  # skrl's Isaac Lab wrapper passes actions on unclipped
                jit="trace",
            )
        env.close()


if __name__ == "__main__":
    run_main(main)
