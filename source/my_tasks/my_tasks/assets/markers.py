# Copyright (c) 2026, The my_tasks Project Developers.
# SPDX-License-Identifier: BSD-3-Clause

"""Isaac Lab's debug markers (command arrows, frames) drawn from local files instead of its asset server."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from .paths import ASSETS_DATA_DIR

LOCAL_MARKER_FILES = {
    "arrow_x.usd": ASSETS_DATA_DIR / "arrow_x.usda",
    "frame_prim.usd": ASSETS_DATA_DIR / "frame_prim.usda",
}
"""Isaac Lab's marker files (``Props/UIElements/`` on its server) by name, and our replacements."""


def use_local_markers(cfg: Any) -> None:
    """Point every marker of a task config (commands, sensors, ...) that loads a remote shape at our local file.

    Isaac Lab's velocity and pose commands and frame transformers draw arrows and frames from files on its
    asset server, even kit-less where nothing is drawn: a task that keeps them is not offline.
    """
    from isaaclab.markers import VisualizationMarkersCfg

    for holder, name, value in list(_fields(cfg)):
        if isinstance(value, VisualizationMarkersCfg):
            setattr(holder, name, local_markers(value))


def local_markers(markers_cfg: Any) -> Any:
    """The same markers (a ``VisualizationMarkersCfg``) with their remote shapes replaced by our local files."""
    markers = {}
    for name, spawn in markers_cfg.markers.items():
        usd_path = getattr(spawn, "usd_path", None)
        if usd_path is not None and Path(usd_path).name in LOCAL_MARKER_FILES:
            spawn = spawn.replace(usd_path=str(LOCAL_MARKER_FILES[Path(usd_path).name]))
        markers[name] = spawn
    return markers_cfg.replace(markers=markers)


def _fields(node: Any, seen: set[int] | None = None):
    """(holder, field name, value) of every field of a config tree."""
    seen = set() if seen is None else seen
    if id(node) in seen or not dataclasses.is_dataclass(node) or isinstance(node, type):
        return
    seen.add(id(node))
    for field in dataclasses.fields(node):
        value = getattr(node, field.name, None)
        yield node, field.name, value
        yield from _fields(value, seen)
