# Copyright (c) 2026, The my_tasks Project Developers.
# SPDX-License-Identifier: BSD-3-Clause

"""Terrains that any task can use offline: a flat ground from the shipped USD file, and procedural rough ground.

Isaac Lab's ``terrain_type="plane"`` and the stock terrains' materials load files from the remote asset
server; these load nothing from the network. Put one in a scene as ``terrain = FLAT_TERRAIN_CFG`` (the
scene sets the number of environments and their spacing).
"""

import isaaclab.sim as sim_utils
from isaaclab.terrains import TerrainImporterCfg
from isaaclab.terrains.config.rough import ROUGH_TERRAINS_CFG

from .paths import ASSETS_DATA_DIR

GROUND_COLOR = (0.45, 0.47, 0.5)

FLAT_TERRAIN_CFG = TerrainImporterCfg(
    prim_path="/World/ground",
    terrain_type="usd",
    usd_path=str(ASSETS_DATA_DIR / "ground_plane.usda"),  # an infinite collision plane and a grey quad
    visual_material=None,
)
"""Flat ground with environments on a grid (``env_spacing`` apart)."""

ROUGH_TERRAIN_CFG = TerrainImporterCfg(
    prim_path="/World/ground",
    terrain_type="generator",
    # Isaac Lab's rough-terrain mix (stairs, boxes, noise, slopes), generated as meshes at start-up
    terrain_generator=ROUGH_TERRAINS_CFG,
    max_init_terrain_level=5,
    collision_group=-1,
    physics_material=sim_utils.RigidBodyMaterialCfg(
        friction_combine_mode="multiply", restitution_combine_mode="multiply", static_friction=1.0, dynamic_friction=1.0
    ),
    visual_material=sim_utils.PreviewSurfaceCfg(diffuse_color=GROUND_COLOR),
)
"""Rough ground in rows of increasing difficulty (a curriculum moves robots between rows)."""
