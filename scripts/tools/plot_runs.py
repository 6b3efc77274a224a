# Copyright (c) 2026, The my_tasks Project Developers.
# SPDX-License-Identifier: BSD-3-Clause

"""Plot the learning curves of training runs into one PNG: mean return and episode length against env steps and time.

    python scripts/tools/plot_runs.py logs/rsl_rl/cartpole_direct/* logs/skrl/cartpole_direct/* -o curves.png

Several runs (libraries, seeds, tasks) go on the same four panels, one line each, labelled
``<library> <task> <run folder>``. The curves come from each run's TensorBoard events (see
:mod:`my_tasks.rl.curves`), so runs of ``isaaclab train`` work too.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from my_tasks.rl.curves import read_curves


def plot(run_dirs: list[Path], output: Path) -> Path:
    """Write the figure of ``run_dirs`` to ``output``; return it."""
    import matplotlib

    matplotlib.use("Agg")  # files only, no display needed
    import matplotlib.pyplot as plt

    figure, axes = plt.subplots(2, 2, figsize=(12, 8), sharex="col")
    for run_dir in run_dirs:
        curves = read_curves(run_dir)
        label = f"{curves.library} {curves.task or ''} {run_dir.name}".replace("  ", " ")
        for column, x in enumerate((curves.env_steps, curves.seconds)):
            axes[0, column].plot(x, curves.returns, label=label)
            axes[1, column].plot(x, curves.lengths, label=label)
        if curves.max_episode_length:
            for column in (0, 1):
                axes[1, column].axhline(curves.max_episode_length, color="grey", linestyle=":", linewidth=1)
    axes[0, 0].set_ylabel("mean return")
    axes[1, 0].set_ylabel("mean episode length [steps]")
    axes[1, 0].set_xlabel("env steps (all envs)")
    axes[1, 1].set_xlabel("wall-clock time since the run started [s]")
    for axis in axes.flat:
        axis.grid(alpha=0.3)
    axes[0, 0].legend(fontsize="small")
    figure.tight_layout()
    output.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(output, dpi=100)
    plt.close(figure)
    return output


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("runs", nargs="+", type=Path, help="run folders (logs/<library>/<experiment>/<run>)")
    parser.add_argument("-o", "--output", type=Path, default=Path("curves.png"), help="PNG to write (curves.png)")
    args = parser.parse_args()
    missing = [str(run) for run in args.runs if not run.is_dir()]
    if missing:
        sys.exit(f"error: no such run folder: {', '.join(missing)}")
    try:
        print(f"wrote {plot(args.runs, args.output)}")
    except ValueError as error:
        sys.exit(f"error: {error}")


if __name__ == "__main__":
    main()
