# Copyright (c) 2026, The my_tasks Project Developers.
# SPDX-License-Identifier: BSD-3-Clause

"""Robot, ground and terrain configurations that load only local files from :data:`ASSETS_DATA_DIR`.

The robot USD files are built by ``scripts/tools/build_basic_assets.py`` (cartpole, ground plane) and
``scripts/tools/build_assets.py`` (Go2, Panda); ``data/PROVENANCE.md`` names their sources and licenses.
"""

from .cartpole import CARTPOLE_CFG
from .franka import FRANKA_PANDA_CFG, FRANKA_PANDA_TCP_OFFSET, with_gravity_compensation
from .ground import GROUND_PLANE_CFG
from .markers import local_markers, use_local_markers
from .paths import ASSETS_DATA_DIR
from .terrains import FLAT_TERRAIN_CFG, ROUGH_TERRAIN_CFG
from .unitree import UNITREE_GO2_CFG

__all__ = [
    "ASSETS_DATA_DIR",
    "CARTPOLE_CFG",
    "FLAT_TERRAIN_CFG",
    "FRANKA_PANDA_CFG",
    "FRANKA_PANDA_TCP_OFFSET",
    "GROUND_PLANE_CFG",
    "ROUGH_TERRAIN_CFG",
    "UNITREE_GO2_CFG",
    "local_markers",
    "use_local_markers",
    "with_gravity_compensation",
]
