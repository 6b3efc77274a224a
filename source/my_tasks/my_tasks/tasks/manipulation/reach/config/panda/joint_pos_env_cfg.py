# Copyright (c) 2026, The my_tasks Project Developers.
# SPDX-License-Identifier: BSD-3-Clause

"""``MyTasks-Reach-Panda``: the Panda's hand reaches a pose command with joint-position targets."""

import math

import isaaclab.envs.mdp as mdp
from isaaclab.managers import SceneEntityCfg
from isaaclab.utils import configclass

from my_tasks.assets import FRANKA_PANDA_CFG

from ...reach_env_cfg import ReachEnvCfg

ARM = SceneEntityCfg("robot", joint_names="panda_joint.*")
FINGERS = SceneEntityCfg("robot", joint_names="panda_finger_joint.*")


@configclass
class PandaReachEnvCfg(ReachEnvCfg):
    """Action: offsets from the default arm pose, 0.5 rad per unit; the gripper stays open."""

    def __post_init__(self):
        super().__post_init__()
        self.scene.robot = FRANKA_PANDA_CFG.replace(prim_path="{ENV_REGEX_NS}/Robot")
        self.actions.arm_action = mdp.JointPositionActionCfg(
            asset_name="robot", joint_names=["panda_joint.*"], scale=0.5, use_default_offset=True
        )
        # as Isaac-Reach-Franka: small offsets of the arm joints; the two mimic fingers reset together
        # (a reset that parts them violates their coupling, and the solver snaps them shut)
        self.events.reset_robot_joints.func = mdp.reset_joints_by_offset
        self.events.reset_robot_joints.params = {
            "position_range": (-0.1, 0.1),
            "velocity_range": (0.0, 0.0),
            "asset_cfg": ARM,
        }
        self.events.reset_robot_fingers = self.events.reset_robot_joints.replace(
            params={"position_range": (0.0, 0.0), "velocity_range": (0.0, 0.0), "asset_cfg": FINGERS}
        )
        for term in (self.rewards.end_effector_position_tracking, self.rewards.end_effector_orientation_tracking):
            term.params["asset_cfg"].body_names = ["panda_hand"]
        self.rewards.joint_vel.params["asset_cfg"] = ARM
        self.commands.ee_pose.body_name = "panda_hand"
        # the hand points down (pitch of half a turn) and turns about the vertical at random
        self.commands.ee_pose.ranges.pitch = (math.pi, math.pi)
