# Copyright (c) 2026, The my_tasks Project Developers.
# SPDX-License-Identifier: BSD-3-Clause

"""Measure how fast one task steps with random actions; run by ``scripts/benchmark.py`` in a process of its own.

    python source/my_tasks/my_tasks/rl/benchmark/step.py --task MyTasks-Cartpole --num_envs 4096 --device cuda:0

It runs as a file, not with ``-m``, so that the start-up it reports includes importing Isaac Lab and ``my_tasks``.

The start-up is timed apart from the stepping: importing, creating the env (the scene, the physics model and
the Warp kernels it loads), the first reset, and the first steps (kernels compiled on first launch, CUDA
graph capture). Then ``--warmup_steps`` more steps run untimed and ``--steps`` steps are timed, with the
device synchronised before and after. The last line of the output is the result::

    [benchmark] {"env_steps_per_s": ..., "startup_s": ..., ...}

Trailing ``env.<path>=<value>`` and ``physics=<name>`` overrides apply as in the train scripts;
``--frontend warp`` builds the env with Isaac Lab's experimental Warp frontend (``isaaclab_experimental``).
"""

from __future__ import annotations

import time

STARTED = time.perf_counter()  # before the heavy imports, which are part of the start-up

import argparse  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

import gymnasium as gym  # noqa: E402
import torch  # noqa: E402

RESULT_PREFIX = "[benchmark] "
FIRST_STEPS = 3  # steps timed as start-up: Warp compiles kernels on first launch, CUDA graphs are captured


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--task", required=True)
    parser.add_argument("--num_envs", type=int, help="Number of envs (default: the task's).")
    parser.add_argument("--device", required=True)
    parser.add_argument("--steps", type=int, default=1000, help="Timed steps.")
    parser.add_argument("--warmup_steps", type=int, default=50, help="Untimed steps after the first ones.")
    parser.add_argument("--frontend", choices=("torch", "warp"), default="torch")
    parser.add_argument("--seed", type=int, default=42)
    args, overrides = parser.parse_known_args(argv)
    args.overrides = overrides
    return args


def warp_cache_entries() -> set[str]:
    """The modules in Warp's kernel cache: those added during start-up were compiled by this run."""
    import warp

    warp.init()  # sets the cache folder (versioned) if nothing has yet
    cache = Path(warp.config.kernel_cache_dir)
    return set(os.listdir(cache)) if cache.is_dir() else set()


def build_env(task: str, env_cfg, frontend: str) -> gym.Env:
    if frontend == "torch":
        return gym.make(task, cfg=env_cfg)
    from isaaclab_experimental.envs.frontend import WarpFrontend

    return WarpFrontend.build_env(env_cfg, task)


def synchronize(device: str) -> None:
    if device.startswith("cuda"):
        torch.cuda.synchronize(device)


def measure(args: argparse.Namespace) -> dict:
    """Start the task, step it, and return the figures (seconds and env-steps/s)."""
    from isaaclab.app import launch_simulation

    from isaaclab_rl.entrypoints.simple_agents import create_random_action_policy

    import my_tasks  # noqa: F401  (registers the MyTasks-* tasks)
    from my_tasks.rl import tasks

    imported = time.perf_counter()
    env_cfg, _ = tasks.resolve_configs(args.task, None, args.overrides)
    tasks.configure_env(env_cfg, num_envs=args.num_envs, device=args.device, seed=args.seed)
    torch.manual_seed(args.seed)
    cached = warp_cache_entries()
    with launch_simulation(env_cfg, {}):
        start = time.perf_counter()
        env = build_env(args.task, env_cfg, args.frontend)
        created = time.perf_counter()
        env.reset()
        synchronize(args.device)
        reset = time.perf_counter()
        actions = create_random_action_policy(env)
        with torch.inference_mode():
            for _ in range(FIRST_STEPS):
                env.step(actions())
            synchronize(args.device)
            first_steps = time.perf_counter()
            for _ in range(args.warmup_steps):
                env.step(actions())
            synchronize(args.device)
            warm = time.perf_counter()
            for _ in range(args.steps):
                env.step(actions())
            synchronize(args.device)
            end = time.perf_counter()
        num_envs = env.unwrapped.num_envs
        env.close()
    return {
        "task": args.task,
        "frontend": args.frontend,
        "num_envs": num_envs,
        "steps": args.steps,
        "env_steps_per_s": args.steps * num_envs / (end - warm),
        "step_ms": (end - warm) / args.steps * 1e3,
        "import_s": imported - STARTED,
        "create_s": created - start,
        "reset_s": reset - created,
        "first_steps_s": first_steps - reset,
        "startup_s": first_steps - STARTED,
        "warp_modules_compiled": len(warp_cache_entries() - cached),
    }


def main() -> None:
    from isaaclab_experimental.envs.frontend import FrontendIncompatibleError

    try:
        result = measure(parse_args())
    except FrontendIncompatibleError as error:  # its reason (the terms without a Warp twin), in one line
        sys.exit(f"error: {' '.join(str(error).split())}")
    print(RESULT_PREFIX + json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
