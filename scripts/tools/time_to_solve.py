# Copyright (c) 2026, The my_tasks Project Developers.
# SPDX-License-Identifier: BSD-3-Clause

"""How long training runs (rsl_rl, skrl or SB3) took to solve their task, read from their TensorBoard events.

A run counts as solved at the first logged iteration whose mean episode length reaches ``--fraction``
of the task's maximum episode length (0.9 by default, the demo's criterion). Time counts from the
moment the run started training (``run.json``), so it includes the first iteration but not start-up.

    python scripts/tools/time_to_solve.py logs/*/cartpole_direct/* logs/sb3/MyTasks-Cartpole-Direct/*
"""

from __future__ import annotations

import argparse
from pathlib import Path

from my_tasks.rl.curves import read_curves


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("runs", nargs="+", type=Path, help="run folders")
    parser.add_argument("--fraction", type=float, default=0.9, help="Fraction of the maximum episode length.")
    args = parser.parse_args()
    for run_dir in args.runs:
        curves = read_curves(run_dir)
        # a resumed run's env steps count on from the run it resumed: its rate is over its own points
        span = curves.seconds[-1] - curves.seconds[0]
        rate = (curves.env_steps[-1] - curves.env_steps[0]) / span if span > 0 else float("nan")
        at = curves.solved_at(args.fraction)
        if at is None:
            print(f"{run_dir}: {curves.library}, not solved (final mean episode length {curves.lengths[-1]:.1f})")
            continue
        print(
            f"{run_dir}: {curves.library} {curves.task}, solved after {curves.env_steps[at]:,} env steps and "
            f"{curves.seconds[at]:.1f} s of training ({curves.num_envs} envs, {rate:,.0f} env-steps/s on average)"
        )


if __name__ == "__main__":
    main()
