# Copyright (c) 2026, The my_tasks Project Developers.
# SPDX-License-Identifier: BSD-3-Clause

"""``MyTasks-Reach-Panda-IK-Rel``: the Panda's hand reaches a pose command with relative end-effector moves.

The 6 action numbers are a change of the tool centre point's pose (TCP: 0.1034 m along ``panda_hand``'s
z axis, between the fingertip pads) in the robot's base frame, per policy step: ``(dx, dy, dz)`` = 0.05 m per
unit along the base's x, y, z axes, ``(droll, dpitch, dyaw)`` = 0.5 rad per unit as an axis-angle
rotation in the base frame. Isaac Lab's differential IK (damped least squares) turns the new pose into
arm joint targets every physics step. Scales and damping are those of Isaac-Reach-Franka's ``diffik`` preset.
"""

from isaaclab.controllers.differential_ik_cfg import DifferentialIKControllerCfg
from isaaclab.envs.mdp import DifferentialInverseKinematicsActionCfg
from isaaclab.utils import configclass

from my_tasks.assets import FRANKA_PANDA_TCP_OFFSET, with_gravity_compensation

from .joint_pos_env_cfg import PandaReachEnvCfg

POSITION_STEP = 0.05  # [m] per unit action per policy step
ROTATION_STEP = 0.5  # [rad] per unit action per policy step


@configclass
class PandaReachIKRelEnvCfg(PandaReachEnvCfg):
    """The joint-position reach with the arm driven by relative TCP moves through differential IK."""

    def __post_init__(self):
        super().__post_init__()
        self.scene.robot = with_gravity_compensation(self.scene.robot)  # IK solves for poses, not torques
        self.actions.arm_action = DifferentialInverseKinematicsActionCfg(
            asset_name="robot",
            joint_names=["panda_joint.*"],
            body_name="panda_hand",
            controller=DifferentialIKControllerCfg(
                command_type="pose", use_relative_mode=True, ik_method="dls", ik_params={"lambda_val": 0.01}
            ),
            scale=(POSITION_STEP,) * 3 + (ROTATION_STEP,) * 3,
            body_offset=DifferentialInverseKinematicsActionCfg.OffsetCfg(pos=FRANKA_PANDA_TCP_OFFSET),
        )
