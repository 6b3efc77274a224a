# Copyright (c) 2026, The my_tasks Project Developers.
# SPDX-License-Identifier: BSD-3-Clause

"""Find the checkpoint that ``--checkpoint`` names, refuse one of another task or library, write atomically."""

from __future__ import annotations

import io
import os
import re
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from . import runs
from .errors import UserError

CHECKPOINT_PATTERNS = {
    "rsl_rl": r"model_\d+\.pt",  # model_<iteration>.pt
    "skrl": r"agent_\d+\.pt",  # checkpoints/agent_<timestep>.pt
    "sb3": r"model_\d+\.zip",  # model_<iteration>.zip (+ model_<iteration>_vecnormalize.pkl)
}
"""File names of each library's checkpoints inside a run directory."""


def run_dir_of(checkpoint: Path) -> Path:
    """The run directory a checkpoint belongs to: the folder holding ``run.json`` (skrl's are one level down)."""
    for folder in (checkpoint.parent, checkpoint.parent.parent):
        if (folder / runs.RUN_MANIFEST).is_file():
            return folder
    return checkpoint.parent


def resolve_checkpoint(
    spec: str | None, *, library: str, task: str, experiment: str, run_name: str | None = None
) -> Path:
    """Return the checkpoint file that ``spec`` names, after checking it belongs to ``task`` and ``library``.

    Args:
        spec: A checkpoint file, a run directory (its last checkpoint), or ``latest``/None: the last
            checkpoint of the newest run of ``task`` with ``library`` under ``logs/<library>/<experiment>``.
        library: The library that will load it.
        task: The task it must have been trained on.
        experiment: The experiment folder searched for ``latest``.
        run_name: With ``latest``, only runs whose folder name ends with ``_<run_name>``.

    Raises:
        UserError: If there is no such checkpoint, or it was trained on another task or with another library.
    """
    pattern = CHECKPOINT_PATTERNS[library]
    if spec in (None, "latest"):
        path = _latest_checkpoint(runs.experiment_dir(library, experiment), library, task, pattern, run_name)
    else:
        path = Path(spec).expanduser()
        if path.is_dir():
            checkpoints = _checkpoints_in(path, pattern)
            if not checkpoints:
                raise UserError(f"--checkpoint {spec}: the folder holds no {library} checkpoint ({pattern})")
            path = checkpoints[-1]
        elif not path.is_file():
            raise UserError(f"--checkpoint {spec}: no such file or folder")
    check_checkpoint_matches(path, library=library, task=task)
    return path.resolve()


def resume_checkpoint(args: Any, *, library: str, task: str, experiment: str) -> Path | None:
    """The checkpoint a training run resumes from (``--resume [--checkpoint SPEC]``), or None for a fresh run."""
    if args.checkpoint and not args.resume:
        raise UserError("--checkpoint selects what to resume from: add --resume")
    if not args.resume:
        return None
    return resolve_checkpoint(args.checkpoint, library=library, task=task, experiment=experiment)


def check_checkpoint_matches(path: Path, *, library: str, task: str) -> None:
    """Raise a :class:`UserError` if the checkpoint was made by another library or for another task.

    The run's ``run.json`` says both; a checkpoint copied out of its run is recognised by its content.
    """
    manifest = next(
        (m for m in (runs.read_run_manifest(d) for d in (path.parent, path.parent.parent)) if m is not None), None
    )
    trained_library = manifest["library"] if manifest else detect_library(path)
    trained_task = manifest["task"] if manifest else None
    if trained_library != library:
        raise UserError(
            f"checkpoint {path} was written by {trained_library}, not {library}: "
            f"play it with scripts/{trained_library}/play.py"
        )
    if trained_task is not None and trained_task != task:
        raise UserError(f"checkpoint {path} was trained on {trained_task}, not {task}: pass --task {trained_task}")


def detect_library(path: Path) -> str:
    """Name the library that wrote a checkpoint file, from its content."""
    if path.suffix == ".zip":
        return "sb3"
    import torch

    try:
        content = torch.load(path, map_location="cpu", weights_only=False)
    except Exception as error:  # noqa: BLE001 - any unreadable file gets the same answer
        raise UserError(f"{path} is not a checkpoint that torch can read ({type(error).__name__})") from None
    if isinstance(content, dict) and "actor_state_dict" in content:
        return "rsl_rl"
    if isinstance(content, dict) and "policy" in content:
        return "skrl"
    raise UserError(f"{path} is not a checkpoint of rsl_rl, skrl or SB3")


def save_atomically(content: Any, path: Path) -> None:
    """``torch.save`` through :func:`write_atomically`: a crash never leaves a truncated checkpoint."""
    import torch

    buffer = io.BytesIO()
    torch.save(content, buffer)
    write_atomically(buffer.getvalue(), path)


def write_atomically(content: bytes, path: Path) -> None:
    """Write ``content`` to a temporary file next to ``path``, then rename it to ``path``."""
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_bytes(content)
    os.replace(temporary, path)


@contextmanager
def save_on_interrupt(save: Callable[[], Path] | None) -> Iterator[None]:
    """On Ctrl-C inside the block, call ``save`` (it returns the checkpoint path), then let the interrupt go on.

    ``save`` is None on the ranks of a ``--distributed`` run other than rank 0: they write nothing.
    """
    try:
        yield
    except KeyboardInterrupt:
        if save is None:
            raise
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not cut the save short
        try:
            path = save()
        finally:
            signal.signal(signal.SIGINT, previous)
        print(f"interrupted: saved checkpoint {path}", file=sys.stderr)
        raise


def _latest_checkpoint(root: Path, library: str, task: str, pattern: str, run_name: str | None) -> Path:
    """The last checkpoint of the newest run of ``task`` with ``library`` (run folders start with their time)."""
    run_dirs = sorted((d for d in root.iterdir() if d.is_dir()), reverse=True) if root.is_dir() else []
    for run_dir in run_dirs:
        if run_name is not None and not run_dir.name.endswith(f"_{run_name}"):
            continue
        manifest = runs.read_run_manifest(run_dir)
        if manifest is None or (manifest["library"], manifest["task"]) != (library, task):
            continue
        checkpoints = _checkpoints_in(run_dir, pattern)
        if checkpoints:
            return checkpoints[-1]
    named = f" named {run_name}" if run_name else ""
    raise UserError(
        f"no {library} checkpoint of {task} in a run{named} under {root}: train one with "
        f"scripts/{library}/train.py --task {task}, or pass --checkpoint PATH"
    )


def _checkpoints_in(folder: Path, pattern: str) -> list[Path]:
    """Checkpoints in a run folder (and its sub-folders), in training order."""
    found = [p for p in folder.rglob("*") if p.is_file() and re.fullmatch(pattern, p.name)]
    return sorted(found, key=lambda p: [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", p.name)])
