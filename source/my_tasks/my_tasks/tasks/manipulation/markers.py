# Copyright (c) 2026, The my_tasks Project Developers.
# SPDX-License-Identifier: BSD-3-Clause

"""Debug markers of the manipulation tasks, built from primitives.

Isaac Lab's pose markers (``FRAME_MARKER_CFG``) load a USD file from its remote asset server. These
flat plates show the same pose offline: the long side is the frame's x axis, the thin side its z axis.
"""

import isaaclab.sim as sim_utils
from isaaclab.markers import VisualizationMarkersCfg


def pose_marker(prim_path: str, color: tuple[float, float, float]) -> VisualizationMarkersCfg:
    """A plate of 6 x 2 x 0.5 cm in ``color`` that shows a pose."""
    return VisualizationMarkersCfg(
        prim_path=prim_path,
        markers={
            "frame": sim_utils.CuboidCfg(
                size=(0.06, 0.02, 0.005), visual_material=sim_utils.PreviewSurfaceCfg(diffuse_color=color)
            )
        },
    )


GOAL_MARKER_CFG = pose_marker("/Visuals/Command/goal_pose", (0.1, 0.8, 0.1))
"""The commanded pose, green."""

CURRENT_MARKER_CFG = pose_marker("/Visuals/Command/body_pose", (0.8, 0.1, 0.1))
"""The pose of the body that tracks the command, red."""

FRAME_TRANSFORMER_MARKER_CFG = pose_marker("/Visuals/FrameTransformer", (0.9, 0.7, 0.1))
"""The frames of a frame transformer, yellow."""
