# Copyright (c) 2026, The my_tasks Project Developers.
# SPDX-License-Identifier: BSD-3-Clause

"""A ground plane that loads from the package instead of Isaac Lab's asset server."""

import isaaclab.sim as sim_utils

from .paths import ASSETS_DATA_DIR

GROUND_PLANE_CFG = sim_utils.GroundPlaneCfg(usd_path=str(ASSETS_DATA_DIR / "ground_plane.usda"))
"""Spawner of a 100 m x 100 m collision plane with a grey visual quad (resize with ``size``)."""
