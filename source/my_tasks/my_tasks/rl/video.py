# Copyright (c) 2026, The my_tasks Project Developers.
# SPDX-License-Identifier: BSD-3-Clause

"""``--video``: record clips into ``<run_dir>/videos/<train|play>/`` with Isaac Lab's video recorder."""

from __future__ import annotations

import argparse
import importlib.util
from pathlib import Path
from typing import Any


def configure_recording(env_cfg: Any, args: argparse.Namespace, run_dir: Path, *, subdir: str) -> None:
    """Add Isaac Lab's video recorder to ``env_cfg`` when ``--video`` is set; call before the simulation starts.

    The recorder needs a visualizer to take frames from. Isaac Lab picks a headless Kit viewport,
    which needs Isaac Sim; without Isaac Sim (kit-less), we pick Newton's OpenGL viewer instead,
    which renders off-screen through EGL, on a GPU or on the CPU (Mesa). ``--viz`` overrides both.
    """
    if not args.video:
        return
    from isaaclab_rl.entrypoints.common import apply_video_recording, pre_launch_video_config

    if not args.visualizer and importlib.util.find_spec("isaacsim") is None:
        args.visualizer = ["newton_gl"]
    pre_launch_video_config(env_cfg, args)
    apply_video_recording(env_cfg, str(run_dir), args, subdir=subdir)
