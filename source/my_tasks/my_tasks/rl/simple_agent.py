# Copyright (c) 2026, The my_tasks Project Developers.
# SPDX-License-Identifier: BSD-3-Clause

"""Step a task without a trained policy (zero or random actions) and report how fast it runs."""

from __future__ import annotations

import argparse
import time
from typing import Literal

import gymnasium as gym
import torch

from isaaclab.app import launch_simulation

from isaaclab_rl.entrypoints.simple_agents import create_random_action_policy, create_zero_action_policy

from . import tasks

REPORT_EVERY = 100  # steps between two progress lines
WARMUP_STEPS = 10  # the first steps compile kernels and fill caches; the speed is measured after them


def run(args: argparse.Namespace, policy: Literal["zero", "random"]) -> None:
    """Create ``args.task`` and step it until ``args.max_steps`` or Ctrl-C, printing env-steps/s."""
    env_cfg, _ = tasks.resolve_configs(args.task, None, args.overrides)
    seed = args.seed if args.seed is not None else 42
    tasks.configure_env(env_cfg, num_envs=args.num_envs, device=args.device, seed=seed)
    torch.manual_seed(seed)
    with launch_simulation(env_cfg, args):
        env = gym.make(args.task, cfg=env_cfg)
        print(f"[my_tasks] observation space: {env.observation_space}")
        print(f"[my_tasks] action space: {env.action_space}")
        env.reset()
        actions = create_zero_action_policy(env) if policy == "zero" else create_random_action_policy(env)
        num_envs = env.unwrapped.num_envs
        steps, reward_sum, start = 0, 0.0, time.perf_counter()

        def speed() -> float:
            return (steps - WARMUP_STEPS) * num_envs / (time.perf_counter() - start)

        try:
            while args.max_steps is None or steps < args.max_steps:
                with torch.inference_mode():
                    _, reward, _, _, _ = env.step(actions())
                reward_sum += float(reward.mean())
                steps += 1
                if steps == WARMUP_STEPS:
                    start = time.perf_counter()
                if steps % REPORT_EVERY == 0:
                    print(f"[my_tasks] step {steps}: {speed():,.0f} env-steps/s, mean reward {reward_sum / steps:.4f}")
        finally:
            if steps > WARMUP_STEPS:
                print(f"[my_tasks] {steps} steps of {num_envs} envs: {speed():,.0f} env-steps/s after warm-up")
            env.close()
