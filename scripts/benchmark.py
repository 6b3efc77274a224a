# Copyright (c) 2026, The my_tasks Project Developers.
# SPDX-License-Identifier: BSD-3-Clause

"""Benchmark the tasks: env stepping and training speed, each beside Isaac Lab's own twin of the task.

    python scripts/benchmark.py                                    (every MyTasks-* task, the default device)
    python scripts/benchmark.py --tasks MyTasks-Cartpole --libraries rsl_rl sb3 --sb3_host
    python scripts/benchmark.py --tasks MyTasks-Cartpole-Direct --solve --iterations 150
    make bench BENCH_ARGS="--tasks MyTasks-Cartpole --num_envs 4096"

For every task, each measurement in a process of its own:

1. ``step``: random actions, env-steps/s after a warm-up, the start-up (imports, env creation with the
   Warp kernels it loads, first reset and steps) timed apart; the same for Isaac Lab's twin of the task,
   loading our local assets (``my_tasks.rl.benchmark.twins``); ``--frontends warp`` and ``--env_variant``
   add rows.
2. ``train``: a short run of ``scripts/<library>/train.py`` per library; env-steps/s, and the seconds of
   collecting and updating, are medians over the iterations after the first ones. ``--solve`` adds when
   the run first met its task's criterion; ``--sb3_host`` and ``--train_variant`` add rows.

The table goes to the terminal; ``<output>/benchmark.json`` gets machine, versions, commit and every
figure (see ``my_tasks.rl.benchmark.report``), rewritten after each measurement and added to by later
runs into the same folder. Each child's output is in ``<output>/logs/``, training runs in ``<output>/runs/``.
"""

import argparse
import json
import os
import re
import sys
from datetime import datetime
from pathlib import Path

import gymnasium as gym

import my_tasks  # noqa: F401  (importing it registers the MyTasks-* tasks with gymnasium)
from my_tasks.rl import cli, tasks
from my_tasks.rl.benchmark import measurements, report
from my_tasks.rl.benchmark.measurements import Measurement
from my_tasks.rl.benchmark.twins import Twin, twin_of
from my_tasks.rl.errors import EXIT_USAGE, UserError, run_main
from my_tasks.rl.sb3_device_ppo import ROLLOUT_VARIABLE, rollout_on_device

SCRIPTS = Path(__file__).resolve().parent
RANDOM = "random actions"
# sizes where no flag gives them: a GPU runs each task's own env count, a CPU a small one
GPU_DEFAULTS = {"num_envs": None, "steps": 1000, "warmup_steps": 50, "iterations": 10}
CPU_DEFAULTS = {"num_envs": 64, "steps": 100, "warmup_steps": 10, "iterations": 3}


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", nargs="+", help="Task IDs (default: every registered MyTasks-* task).")
    parser.add_argument("--device", help="cpu, cuda or cuda:<index> (default: the first GPU, else the CPU).")
    parser.add_argument("--num_envs", type=cli.positive_int, help="Envs (default: the task's on a GPU, 64 on a CPU).")
    parser.add_argument("--steps", type=cli.positive_int, help="Timed env steps (default: 1000 on a GPU, 100).")
    parser.add_argument("--warmup_steps", type=int, help="Untimed steps before them (default: 50 on a GPU, 10).")
    parser.add_argument("--iterations", type=cli.positive_int, help="Training iterations (default: 10 on a GPU, 3).")
    parser.add_argument("--measure", nargs="+", choices=("step", "train"), default=["step", "train"])
    parser.add_argument("--libraries", nargs="+", choices=cli.LIBRARIES, default=list(cli.LIBRARIES))
    parser.add_argument(
        "--twins",
        choices=("none", "step", "all"),
        default="step",
        help="Measure Isaac Lab's twins: stepping (default).",
    )
    parser.add_argument("--frontends", nargs="+", choices=("torch", "warp"), default=["torch"])
    parser.add_argument("--solve", action="store_true", help="Train each library's full budget (or --iterations).")
    parser.add_argument(
        "--sb3_host", action="store_true", help="Also train SB3 (and its variants) with its own numpy rollout."
    )
    parser.add_argument(
        "--env_variant", nargs=2, action="append", default=[], metavar=("LABEL", "OVERRIDES"), help="Step with these."
    )
    parser.add_argument(
        "--train_variant",
        nargs=3,
        action="append",
        default=[],
        metavar=("LIBRARY", "LABEL", "OVERRIDES"),
        help="Also train LIBRARY with these overrides, e.g. rsl_rl compiled agent.torch_compile_mode=default.",
    )
    parser.add_argument("--output", type=Path, help="Results folder (default: logs/benchmark/<date_time>).")
    parser.add_argument("--timeout", type=float, default=900.0, help="Seconds one measurement may take.")
    parser.add_argument(
        "--skip_done", action="store_true", help="Leave out what --output's benchmark.json already holds, done."
    )
    parser.add_argument("--plan", action="store_true", help="Print the measurements and their commands; run nothing.")
    parser.add_argument(
        "--table", action="store_true", help="Print the table of --output's benchmark.json; run nothing."
    )
    args = parser.parse_args()
    args.device = cli.resolve_device(args.device)
    defaults = GPU_DEFAULTS if args.device.startswith("cuda") else CPU_DEFAULTS
    for name, value in defaults.items():
        if getattr(args, name) is None and not (name == "iterations" and args.solve):
            setattr(args, name, value)
    for library, _, _ in args.train_variant:
        if library not in cli.LIBRARIES:
            raise UserError(f"--train_variant {library}: expected one of {', '.join(cli.LIBRARIES)}", EXIT_USAGE)
    args.tasks = args.tasks or [task for task in tasks.registered_task_ids() if task.startswith(tasks.TASK_PREFIX)]
    for task in args.tasks:
        tasks.check_task(task)
    args.output = args.output or Path("logs/benchmark") / datetime.now().strftime("%Y-%m-%d_%H-%M-%S")
    return args


def plan(args: argparse.Namespace) -> list[Measurement]:
    """Every measurement of the run, task by task: stepping first, then training."""
    planned = []
    for task in args.tasks:
        twin = twin_of(task) if args.twins != "none" else None
        if twin is not None and twin.task not in gym.registry:
            twin = None  # an Isaac Lab without this task
        if "step" in args.measure:
            planned += step_measurements(task, twin, args)
        if "train" in args.measure:
            planned += train_measurements(task, twin if args.twins == "all" else None, args)
    return planned


def step_measurements(task: str, twin: Twin | None, args: argparse.Namespace) -> list[Measurement]:
    """Random actions on ours and the twin, per frontend; then our task's env variants."""
    sizes = (args.device, args.num_envs, args.steps, args.warmup_steps)
    planned = []
    for frontend in args.frontends:
        label = RANDOM if frontend == "torch" else f"{RANDOM}, {frontend} frontend"
        for name, overrides in [(task, ())] + ([(twin.task, twin.overrides)] if twin else []):
            command = measurements.step_command(name, *sizes, frontend, list(overrides))
            planned.append(Measurement(name, task, "step", label, command))
    for label, overrides in args.env_variant:
        command = measurements.step_command(task, *sizes, "torch", overrides.split())
        planned.append(Measurement(task, task, "step", f"{RANDOM}, {label}", command))
    return planned


def train_measurements(task: str, twin: Twin | None, args: argparse.Namespace) -> list[Measurement]:
    """Each library and variant on ours (and the twin, where it has the library's config); SB3's host path too."""
    runs = [(library, library, []) for library in args.libraries]
    runs += [(library, f"{library}, {label}", overrides.split()) for library, label, overrides in args.train_variant]
    runs = [(library, label, overrides, {}) for library, label, overrides in runs]
    if args.sb3_host:  # every SB3 run again, with SB3's own rollout through numpy
        host = {ROLLOUT_VARIABLE: "host"}
        runs += [
            (library, f"{label}, host rollout", overrides, host)
            for library, label, overrides, _ in runs
            if library == "sb3"
        ]
    planned = []
    for library, label, overrides, environment in runs:
        for name, twin_overrides in [(task, ())] + ([(twin.task, twin.overrides)] if twin else []):
            if f"{library}_cfg_entry_point" not in gym.spec(name).kwargs:
                continue  # Isaac Lab's twin has no config for this library
            script = SCRIPTS / library / "train.py"
            sizes = (args.device, args.num_envs, args.iterations)
            command = measurements.train_command(script, name, *sizes, [*twin_overrides, *overrides])
            planned.append(Measurement(name, task, "train", label, command, environment))
    return planned


def describe(measurement: Measurement, args: argparse.Namespace) -> dict:
    """What the JSON records of a measurement besides its figures."""
    record = {
        "of": measurement.of,
        "task": measurement.task,
        "role": measurement.role,
        "kind": measurement.kind,
        "label": measurement.label,
        "device": args.device,
        "num_envs_requested": args.num_envs,
        "solve_run": args.solve,
        "command": [Path(measurement.command[1]).name, *measurement.command[2:]],
    }
    if measurement.kind == "train" and measurement.label.startswith("sb3"):
        choice = measurement.environment.get(ROLLOUT_VARIABLE, os.environ.get(ROLLOUT_VARIABLE))
        record["sb3_rollout"] = "device" if rollout_on_device(args.device, choice) else "host"
    return record


def main() -> None:
    # 1. What to measure: the tasks, their twins, the libraries, the variants.
    args = parse_args()
    results_path = args.output / "benchmark.json"
    if args.table:
        if not results_path.is_file():
            raise UserError(f"no results in {results_path}")
        print(report.table(json.loads(results_path.read_text())))
        return
    planned = plan(args)
    if args.skip_done:  # a run cut short, started again: only what is missing
        done = report.done(results_path)
        planned = [m for m in planned if (m.of, m.task, m.kind, m.label) not in done]
    if args.plan:
        for measurement in planned:
            environment = " ".join(f"{key}={value}" for key, value in measurement.environment.items())
            print(f"{measurement.name}\n    {environment} {' '.join(measurement.command[1:])}".replace("     ", "    "))
        return
    runs_dir = args.output.resolve() / "runs"
    runs_dir.mkdir(parents=True, exist_ok=True)
    header = {
        "machine": report.machine(),
        "versions": report.versions(),
        "git": report.git_state(SCRIPTS.parent),
        "settings": {key: value for key, value in vars(args).items() if key not in ("output", "tasks")}
        | {"tasks": args.tasks},
    }
    print(f"[benchmark] {len(planned)} measurements on {args.device}, results in {results_path}", flush=True)

    # 2. Each measurement in a child process; the results file is rewritten after every one.
    results = []
    for index, measurement in enumerate(planned, start=1):
        print(f"[benchmark] ({index}/{len(planned)}) {measurement.name} ...", flush=True)
        slug = re.sub(r"[^A-Za-z0-9]+", "_", f"{measurement.kind}_{measurement.label}_{measurement.task}")
        log = args.output / "logs" / f"{index:02d}_{slug.strip('_')}.log"
        result = measurements.run(measurement, runs_dir, log, args.timeout)
        results.append(describe(measurement, args) | result)
        outcome = f"{result['env_steps_per_s']:,.0f} env-steps/s" if result["ok"] else f"failed: {result['error']}"
        print(f"[benchmark]     {outcome} ({result['wall_s']:.0f} s)", flush=True)
        report.write(results_path, report.merge(results_path, header, results))

    # 3. The table, ours beside the twins.
    final = report.merge(results_path, header, results)
    print(report.table(final))
    print(f"[benchmark] results: {results_path}")
    failed = [result for result in results if not result["ok"]]
    if failed:
        sys.exit(f"[benchmark] {len(failed)} of {len(results)} measurements failed; their logs: {args.output / 'logs'}")


if __name__ == "__main__":
    run_main(main)
