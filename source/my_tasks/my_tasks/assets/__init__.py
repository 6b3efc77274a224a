# Copyright (c) 2026, The my_tasks Project Developers.
# SPDX-License-Identifier: BSD-3-Clause

"""Robot and scene configurations that load only local files from :data:`ASSETS_DATA_DIR`."""

from .cartpole import CARTPOLE_CFG
from .ground import GROUND_PLANE_CFG
from .paths import ASSETS_DATA_DIR

__all__ = ["ASSETS_DATA_DIR", "CARTPOLE_CFG", "GROUND_PLANE_CFG"]
