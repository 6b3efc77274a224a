# Copyright (c) 2026, The my_tasks Project Developers.
# SPDX-License-Identifier: BSD-3-Clause

"""Go2 velocity tracking on rough terrain: Isaac Lab's task with our robot, offline.

Everything else is Isaac Lab's ``UnitreeGo2RoughEnvCfg``: the terrain mix scaled for a small robot (stairs,
boxes, noise, slopes in rows of rising difficulty), the terrain-level curriculum, the height scan, rewards,
terminations, mass and centre-of-mass randomisation and pushes.
"""

import isaaclab.sim as sim_utils
from isaaclab.utils import configclass

from isaaclab_tasks.core.velocity.config.go2.rough_env_cfg import UnitreeGo2RoughEnvCfg

from my_tasks.assets.terrains import GROUND_COLOR

from .offline import use_local_files_and_random_friction


@configclass
class Go2RoughEnvCfg(UnitreeGo2RoughEnvCfg):
    def __post_init__(self):
        super().__post_init__()
        use_local_files_and_random_friction(self)
        # the generated terrain keeps Isaac Lab's mix and curriculum; its marble material is a remote file
        self.scene.terrain.visual_material = sim_utils.PreviewSurfaceCfg(diffuse_color=GROUND_COLOR)
