# Copyright (c) 2026, The my_tasks Project Developers.
# SPDX-License-Identifier: BSD-3-Clause

"""How long rsl_rl runs took to solve their task, read from their TensorBoard events.

A run counts as solved at the first iteration whose mean episode length reaches ``--fraction`` of
the task's maximum episode length (0.9 by default, the demo's criterion). Training time is the sum
of rsl_rl's collection and learning times up to that iteration, so start-up is not counted.

    python scripts/tools/time_to_solve.py logs/rsl_rl/cartpole_direct/*

Works on runs of our scripts and of ``isaaclab train`` alike (both write ``params/`` and events).
"""

from __future__ import annotations

import argparse
import math
from pathlib import Path

import yaml
from tensorboard.backend.event_processing.event_accumulator import EventAccumulator


def max_episode_length(run_dir: Path) -> int:
    """The task's episode limit in policy steps, from the run's ``params/env.yaml``."""
    env = yaml.unsafe_load((run_dir / "params" / "env.yaml").read_text())
    return math.ceil(env["episode_length_s"] / (env["sim"]["dt"] * env["decimation"]))


def time_to_solve(run_dir: Path, fraction: float) -> dict:
    """Iteration, env steps and training seconds at which ``run_dir`` first reached the threshold."""
    events = EventAccumulator(str(run_dir))
    events.Reload()
    series = {tag: {e.step: e.value for e in events.Scalars(tag)} for tag in events.Tags()["scalars"]}
    lengths = series["Train/mean_episode_length"]
    seconds_per_iteration = {
        it: series["Perf/collection_time"][it] + series["Perf/learning_time"][it]
        for it in series["Perf/collection_time"]
    }
    agent = yaml.unsafe_load((run_dir / "params" / "agent.yaml").read_text())
    env = yaml.unsafe_load((run_dir / "params" / "env.yaml").read_text())
    steps_per_iteration = agent["num_steps_per_env"] * env["scene"]["num_envs"]
    threshold = fraction * max_episode_length(run_dir)
    solved_at = next((it for it in sorted(lengths) if lengths[it] >= threshold), None)
    first = min(seconds_per_iteration)
    counted = [it for it in seconds_per_iteration if solved_at is not None and it <= solved_at]
    return {
        "run": run_dir.name,
        "num_envs": env["scene"]["num_envs"],
        "threshold": threshold,
        "solved_at_iteration": solved_at,
        "env_steps": None if solved_at is None else (solved_at - first + 1) * steps_per_iteration,
        "training_seconds": None if solved_at is None else sum(seconds_per_iteration[it] for it in counted),
        "env_steps_per_second": sum(series["Perf/total_fps"].values()) / len(series["Perf/total_fps"]),
        "final_episode_length": lengths[max(lengths)],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("runs", nargs="+", type=Path, help="rsl_rl run folders")
    parser.add_argument("--fraction", type=float, default=0.9, help="Fraction of the maximum episode length.")
    args = parser.parse_args()
    for run_dir in args.runs:
        result = time_to_solve(run_dir, args.fraction)
        if result["solved_at_iteration"] is None:
            print(f"{run_dir}: not solved (final mean episode length {result['final_episode_length']:.1f})")
            continue
        print(
            f"{run_dir}: solved at iteration {result['solved_at_iteration']} after {result['env_steps']:,} env steps, "
            f"{result['training_seconds']:.1f} s of training ({result['num_envs']} envs, "
            f"{result['env_steps_per_second']:,.0f} env-steps/s on average)"
        )


if __name__ == "__main__":
    main()
