# Copyright (c) 2026, The my_tasks Project Developers.
# SPDX-License-Identifier: BSD-3-Clause

"""Go2 velocity tracking on flat ground: Isaac Lab's task with our robot and ground, offline.

Isaac Lab's ``UnitreeGo2FlatEnvCfg`` is its rough task without terrain, height scan and curriculum, with a
flat-orientation penalty and a stronger feet-air-time reward.
"""

from isaaclab.utils import configclass

from isaaclab_tasks.core.velocity.config.go2.flat_env_cfg import UnitreeGo2FlatEnvCfg

from my_tasks.assets import FLAT_TERRAIN_CFG

from .offline import use_local_files_and_random_friction


@configclass
class Go2FlatEnvCfg(UnitreeGo2FlatEnvCfg):
    def __post_init__(self):
        super().__post_init__()
        use_local_files_and_random_friction(self)
        # Isaac Lab's "plane" terrain loads its ground from the asset server; the friction of the ground
        # stays the simulation's default material, which Isaac Lab's base cfg takes from the terrain cfg
        self.scene.terrain = FLAT_TERRAIN_CFG
