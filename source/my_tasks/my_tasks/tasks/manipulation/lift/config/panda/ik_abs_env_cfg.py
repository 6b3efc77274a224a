# Copyright (c) 2026, The my_tasks Project Developers.
# SPDX-License-Identifier: BSD-3-Clause

"""``MyTasks-Lift-Cube-Panda-IK-Abs``: the Panda lifts the cube with absolute end-effector poses and a binary gripper.

The arm action is the pose of the tool centre point (TCP, between the fingertip pads, 0.1034 m along
``panda_hand``'s z axis) in the robot's base frame, which Isaac Lab's differential IK turns into joint
targets every physics step. As in Isaac Lab's ``diffik_abs`` reach preset, the 7 numbers are
normalised around the workspace: position [m] = ``POSITION_OFFSET + POSITION_SCALE * a[0:3]``
(``a = 0`` is the middle of the workspace, ``|a| = 1`` its edge); orientation = the quaternion
``(x, y, z, w) = DOWN + QUAT_SCALE * a[3:7]``, normalised, so ``a = 0`` points the gripper straight down
with its fingers closing along the base's y axis. The 8th number closes the gripper when negative.
"""

from isaaclab.controllers.differential_ik_cfg import DifferentialIKControllerCfg
from isaaclab.utils import configclass

from my_tasks.assets import FRANKA_PANDA_TCP_OFFSET, with_gravity_compensation

from ... import mdp
from .joint_pos_env_cfg import PandaLiftEnvCfg

POSITION_OFFSET = (0.5, 0.0, 0.25)  # [m] middle of the cube's and the goals' region, in the base frame
POSITION_SCALE = (0.2, 0.3, 0.25)  # [m] half its extent
DOWN = (1.0, 0.0, 0.0, 0.0)  # (x, y, z, w): half a turn about x, the TCP's z axis pointing down
QUAT_SCALE = 0.5


@configclass
class PandaLiftIKAbsEnvCfg(PandaLiftEnvCfg):
    """The joint-position lift with the arm driven by absolute TCP poses through differential IK."""

    def __post_init__(self):
        super().__post_init__()
        self.scene.robot = with_gravity_compensation(self.scene.robot)  # IK solves for poses, not torques
        self.actions.arm_action = mdp.DifferentialInverseKinematicsActionCfg(
            asset_name="robot",
            joint_names=["panda_joint.*"],
            body_name="panda_hand",
            # damped least squares; Isaac Lab's diffik_abs reach preset damps with 0.45, with which the TCP was still
            # 1 to 2 cm off a target 0.3 m away after 1 s; with 0.1 it follows a moving target within 5 mm
            controller=DifferentialIKControllerCfg(
                command_type="pose", use_relative_mode=False, ik_method="dls", ik_params={"lambda_val": 0.1}
            ),
            body_offset=mdp.DifferentialInverseKinematicsActionCfg.OffsetCfg(pos=FRANKA_PANDA_TCP_OFFSET),
            scale=(*POSITION_SCALE, *(QUAT_SCALE,) * 4),
            offset=(*POSITION_OFFSET, *DOWN),
        )
