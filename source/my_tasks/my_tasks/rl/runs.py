# Copyright (c) 2026, The my_tasks Project Developers.
# SPDX-License-Identifier: BSD-3-Clause

"""Run directories: ``logs/<library>/<experiment>/<YYYY-MM-DD_HH-MM-SS>[_<run_name>]/``.

A run directory holds everything about one training run: ``params/{env,agent}.yaml`` (the resolved
configs), ``run.json`` (task, library, and the checkpoint a resumed run started from), the
checkpoints, the TensorBoard events, and after play ``eval.json`` and ``exported/``.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

LOG_ROOT = Path("logs")
RUN_MANIFEST = "run.json"


def experiment_dir(library: str, experiment: str) -> Path:
    """``logs/<library>/<experiment>`` as an absolute path (``logs`` is relative to the working directory)."""
    return (LOG_ROOT / library / experiment).resolve()


def new_run_dir(library: str, experiment: str, run_name: str | None = None) -> Path:
    """A fresh run directory path named after the current time; :func:`record_run` creates it.

    Nothing is written before the run has started, so a run refused for bad input leaves no folder behind.
    """
    name = datetime.now().strftime("%Y-%m-%d_%H-%M-%S") + (f"_{run_name}" if run_name else "")
    run_dir = experiment_dir(library, experiment) / name
    suffix = 1
    while run_dir.exists():  # two runs started within the same second
        suffix += 1
        run_dir = run_dir.with_name(f"{name}-{suffix}")
    return run_dir


def record_run(
    run_dir: Path,
    *,
    task: str,
    library: str,
    env_cfg: Any,
    agent_cfg: Any,
    resumed_from: Path | None = None,
    world_size: int = 1,
) -> None:
    """Create ``run_dir`` with ``run.json`` and ``params/{env,agent}.yaml``.

    ``run.json`` is Isaac Lab's run manifest, so that ``isaaclab play --checkpoint latest`` and our
    ``--checkpoint latest`` find the run; its metadata adds where a resumed run started from and, for a
    ``--distributed`` run, its ``world_size`` (the configs hold one rank's: its envs, its seed).
    """
    from isaaclab.utils.io import dump_yaml

    from isaaclab_rl.entrypoints.common import write_run_manifest

    metadata: dict[str, str | int] = {"resumed_from": str(resumed_from)} if resumed_from else {}
    if world_size > 1:
        metadata["world_size"] = world_size
    write_run_manifest(str(run_dir), library=library, task=task, metadata=metadata)
    dump_yaml(str(run_dir / "params" / "env.yaml"), env_cfg)
    dump_yaml(str(run_dir / "params" / "agent.yaml"), agent_cfg)


def read_run_manifest(run_dir: Path) -> dict | None:
    """The ``run.json`` of a run directory, or None if there is none (a run from elsewhere)."""
    try:
        return json.loads((run_dir / RUN_MANIFEST).read_text())
    except (FileNotFoundError, json.JSONDecodeError):
        return None
