# Copyright (c) 2026, The my_tasks Project Developers.
# SPDX-License-Identifier: BSD-3-Clause

"""Isaac Lab's reach (``isaaclab_tasks.core.reach``), offline.

Isaac Lab's :class:`~isaaclab_tasks.core.reach.reach_env_cfg.ReachEnvCfg` is used as it is: a pose command
resampled every 4 s, observations of joint positions and velocities, the command and the last action;
rewards for position and orientation error, a bonus for success and penalties on action rate, action size
and joint velocity (raised by its curriculum); Newton with MuJoCo-Warp. An episode ends after 12 s, or as
soon as the end effector is within both success thresholds of the command (``Metrics/success_rate`` is then
1 for that episode). This subclass swaps its ground and its pose markers, USD files on a remote server, for
ours, and steps MuJoCo-Warp once per 1/120 s instead of twice: the arm touches nothing but the table, so the
substep only doubles the cost. The robot comes from ``config/<robot>``.
"""

from isaaclab.assets import AssetBaseCfg
from isaaclab.utils import configclass

from isaaclab_tasks.core.reach.reach_env_cfg import ReachEnvCfg as IsaacReachEnvCfg
from isaaclab_tasks.core.reach.reach_env_cfg import ReachSceneCfg as IsaacReachSceneCfg

from my_tasks.assets import GROUND_PLANE_CFG, use_local_markers

POSITION_SUCCESS = 0.05  # [m] end effector to commanded position, as in Isaac-Reach-Franka
ORIENTATION_SUCCESS = 0.2  # [rad] end effector to commanded orientation, as in Isaac-Reach-Franka


@configclass
class ReachSceneCfg(IsaacReachSceneCfg):
    """Isaac Lab's reach scene (a table top at z = 0 as a primitive cuboid) on our ground."""

    ground = AssetBaseCfg(
        prim_path="/World/ground",
        spawn=GROUND_PLANE_CFG,
        init_state=AssetBaseCfg.InitialStateCfg(pos=(0.0, 0.0, -1.05)),
    )


@configclass
class ReachEnvCfg(IsaacReachEnvCfg):
    """Reach a pose command; the robot and its action are set by ``config/<robot>``."""

    scene: ReachSceneCfg = ReachSceneCfg(num_envs=4096, env_spacing=2.5)

    def __post_init__(self):
        super().__post_init__()
        for newton in (self.sim.physics.newton_mjwarp, self.sim.physics.default):
            newton.num_substeps = 1
        use_local_markers(self)
        self.commands.ee_pose.position_success_threshold = POSITION_SUCCESS
        self.commands.ee_pose.orientation_success_threshold = ORIENTATION_SUCCESS

    def play_mode(self):
        """Play with few environments and no observation noise."""
        super().play_mode()
        self.scene.num_envs = min(self.scene.num_envs, 16)
