# Copyright (c) 2026, The my_tasks Project Developers.
# SPDX-License-Identifier: BSD-3-Clause

"""Evaluate a policy over whole episodes and summarise them as ``eval.json``."""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import torch

from . import checkpoints

StepFn = Callable[[], tuple[torch.Tensor, torch.Tensor, dict]]
"""Runs the policy for one step of every env; returns the rewards, the done flags and the env's extras."""

SUCCESS_METRIC = "Metrics/success_rate"
"""Isaac Lab's convention: tasks with a notion of success log this rate over the episodes that just ended."""

EPISODE_METRIC_PREFIXES = ("Metrics/", "Episode_Termination/", "Curriculum/")
"""Extras that Isaac Lab's managers log when episodes end: command metrics (``Metrics/base_velocity/error_vel_xy``),
the share of episodes each termination ended (``Episode_Termination/base_contact``) and curriculum states
(``Curriculum/terrain_levels``). ``eval.json`` averages each over the evaluated episodes."""


def evaluate_policy(step: StepFn, *, num_envs: int, num_episodes: int, max_episode_length: int) -> dict[str, Any]:
    """Run ``step`` until ``num_episodes`` episodes have ended and return their statistics.

    Each env contributes a fixed share of the episodes (its first ones), as SB3's ``evaluate_policy``
    does: counting the first episodes to end, whichever env they come from, would over-sample short ones.

    Returns:
        ``num_episodes``, ``return_mean``, ``return_std``, ``episode_length_mean``, ``success_rate`` (None when
        the task logs no success metric) and ``metrics``: each episode metric the env logs (see
        :data:`EPISODE_METRIC_PREFIXES`; ``Metrics/`` dropped from the names) averaged over the episodes.
    """
    quota = torch.tensor([(num_episodes + i) // num_envs for i in range(num_envs)])
    counted = torch.zeros(num_envs, dtype=torch.long)
    episode_return = torch.zeros(num_envs)
    episode_length = torch.zeros(num_envs, dtype=torch.long)
    returns: list[float] = []
    lengths: list[int] = []
    metric_sums: dict[str, float] = {}
    metric_weights: dict[str, int] = {}
    max_steps = (int(quota.max()) + 1) * max_episode_length + 1
    for _ in range(max_steps):
        rewards, dones, extras = step()
        episode_return += rewards.detach().reshape(-1).cpu()
        episode_length += 1
        done = dones.detach().reshape(-1).cpu().bool()
        if done.any():
            record = done & (counted < quota)
            returns += episode_return[record].tolist()
            lengths += episode_length[record].tolist()
            counted += record.long()
            # each logged value is a mean over the envs that just reset; weight it by the episodes counted
            for key, value in extras.get("log", {}).items():
                if key.startswith(EPISODE_METRIC_PREFIXES) and record.any() and _is_number(value):
                    metric_sums[key] = metric_sums.get(key, 0.0) + float(value) * int(record.sum())
                    metric_weights[key] = metric_weights.get(key, 0) + int(record.sum())
            episode_return[done] = 0.0
            episode_length[done] = 0
        if len(returns) >= num_episodes:
            break
    else:
        raise RuntimeError(f"only {len(returns)} of {num_episodes} episodes ended within {max_steps} steps")
    mean_return = sum(returns) / len(returns)
    metrics = {key: metric_sums[key] / metric_weights[key] for key in sorted(metric_sums)}
    return {
        "num_episodes": len(returns),
        "return_mean": mean_return,
        "return_std": math.sqrt(sum((r - mean_return) ** 2 for r in returns) / len(returns)),
        "episode_length_mean": sum(lengths) / len(lengths),
        "max_episode_length": max_episode_length,
        "success_rate": metrics.get(SUCCESS_METRIC),
        "metrics": {key.removeprefix("Metrics/"): value for key, value in metrics.items()},
    }


def _is_number(value: Any) -> bool:
    """A logged scalar: a number or a one-element tensor (curriculum terms may log dicts or vectors)."""
    return isinstance(value, (int, float)) or (isinstance(value, torch.Tensor) and value.numel() == 1)


def evaluate_and_record(
    step: StepFn, *, env: Any, args: Any, library: str, checkpoint: Path, seed: int
) -> dict[str, Any]:
    """Evaluate with :func:`evaluate_policy`, write ``eval.json`` into the checkpoint's run folder, print the table.

    ``env`` is the library's wrapper of the Isaac Lab env (its ``unwrapped`` gives the sizes); ``args`` the
    play command line (``--task``, ``--device``, ``--num_episodes``).
    """
    unwrapped = env.unwrapped
    result = evaluate_policy(
        step,
        num_envs=unwrapped.num_envs,
        num_episodes=args.num_episodes,
        max_episode_length=int(unwrapped.max_episode_length),
    )
    result = {
        "task": args.task,
        "library": library,
        "checkpoint": str(checkpoint),
        "seed": seed,
        "device": args.device,
        **({"command": args.command} if getattr(args, "command", None) else {}),
        **result,
    }
    path = checkpoints.run_dir_of(checkpoint) / "eval.json"
    write_eval(path, result)
    print(f"[my_tasks] evaluation ({path}):\n{format_eval(result)}")
    return result


def write_eval(path: Path, result: dict[str, Any]) -> None:
    """Write ``eval.json``."""
    path.write_text(json.dumps(result, indent=2) + "\n")


def format_eval(result: dict[str, Any]) -> str:
    """``eval.json`` as a short table for the terminal."""
    rows = [
        ("task", result["task"]),
        ("library", result["library"]),
        ("episodes", result["num_episodes"]),
        ("return", f"{result['return_mean']:.3f} +- {result['return_std']:.3f}"),
        ("episode length", f"{result['episode_length_mean']:.1f} / {result['max_episode_length']}"),
        ("success rate", "n/a" if result["success_rate"] is None else f"{result['success_rate']:.1%}"),
        *((name, f"{value:.4g}") for name, value in result.get("metrics", {}).items() if name != "success_rate"),
    ]
    width = max(len(name) for name, _ in rows)
    return "\n".join(f"  {name:<{width}}  {value}" for name, value in rows)
