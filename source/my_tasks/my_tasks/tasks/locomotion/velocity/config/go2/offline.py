# Copyright (c) 2026, The my_tasks Project Developers.
# SPDX-License-Identifier: BSD-3-Clause

"""What both Go2 tasks change in Isaac Lab's Go2 cfgs: files that load offline, and randomised friction."""

import isaaclab.sim as sim_utils
from isaaclab.assets import AssetBaseCfg

from my_tasks.assets import UNITREE_GO2_CFG, use_local_markers

SKY_LIGHT = AssetBaseCfg(
    prim_path="/World/skyLight", spawn=sim_utils.DomeLightCfg(intensity=750.0, color=(0.9, 0.9, 0.9))
)
"""Isaac Lab's sky light without its texture, an HDR image on the asset server."""


def use_local_files_and_random_friction(cfg) -> None:
    """Swap Isaac Lab's remote Go2, sky and command arrows for local ones; draw the feet's friction per robot.

    Isaac Lab's Go2 tasks give every robot the same friction (0.8 static, 0.6 dynamic): a policy then never
    meets a slippery or a grippy floor. We draw it per robot from 64 buckets around the same values.
    """
    cfg.scene.robot = UNITREE_GO2_CFG.replace(prim_path="{ENV_REGEX_NS}/Robot")
    cfg.scene.sky_light = SKY_LIGHT
    use_local_markers(cfg)
    cfg.events.physics_material.params["static_friction_range"] = (0.6, 1.0)
    cfg.events.physics_material.params["dynamic_friction_range"] = (0.4, 0.8)
