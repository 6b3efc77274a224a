# Copyright (c) 2026, The my_tasks Project Developers.
# SPDX-License-Identifier: BSD-3-Clause

"""``MyTasks-Lift-Cube-Panda``: the Panda lifts the cube with joint-position targets and a binary gripper."""

from isaaclab.markers.config import FRAME_MARKER_CFG
from isaaclab.sensors import FrameTransformerCfg
from isaaclab.sensors.frame_transformer.frame_transformer_cfg import OffsetCfg
from isaaclab.utils import configclass

from my_tasks.assets import FRANKA_PANDA_CFG, FRANKA_PANDA_TCP_OFFSET, local_markers

from ... import mdp
from ...lift_env_cfg import CONTACT, LiftEnvCfg

PANDA_LIFT_CFG = FRANKA_PANDA_CFG.replace(
    prim_path="{ENV_REGEX_NS}/Robot",
    # the finger pads get the cube's contact settings (lift_env_cfg.CONTACT); the arm's colliders keep the defaults
    spawn=FRANKA_PANDA_CFG.spawn.replace(collision_props={"/panda_(left|right)finger/.*": [CONTACT]}),
    actuators={
        **FRANKA_PANDA_CFG.actuators,
        # A gentler grip on heavier fingers, as in Isaac Lab's Newton lift (core.lift): with FRANKA_PANDA_CFG's
        # 2000 N/m on 15 g fingers the grip pushed 50 N into the cube, MuJoCo's soft contact let the pads
        # sink 9 mm into it, the passive finger (held only by the mimic constraint, whose stiffness scales
        # with the fingers' inertia) gave way and the cube was squeezed out of the hand in 2 to 4 of 4
        # scripted grasps. 400 N/m (10 N at the cube) and 0.1 kg of armature held all of them.
        "panda_hand": FRANKA_PANDA_CFG.actuators["panda_hand"].replace(stiffness=400.0, damping=40.0, armature=0.1),
        "panda_finger2_passive": FRANKA_PANDA_CFG.actuators["panda_finger2_passive"].replace(armature=0.1),
    },
)


@configclass
class PandaLiftEnvCfg(LiftEnvCfg):
    """Arm: joint-position offsets from the default pose, 0.5 rad per unit; gripper: open (>= 0) or closed (< 0)."""

    def __post_init__(self):
        super().__post_init__()
        self.scene.robot = PANDA_LIFT_CFG
        self.scene.ee_frame = FrameTransformerCfg(
            prim_path="{ENV_REGEX_NS}/Robot/panda_link0",
            debug_vis=False,
            visualizer_cfg=local_markers(FRAME_MARKER_CFG.replace(prim_path="/Visuals/FrameTransformer")),
            target_frames=[
                FrameTransformerCfg.FrameCfg(
                    prim_path="{ENV_REGEX_NS}/Robot/panda_hand",
                    name="end_effector",
                    offset=OffsetCfg(pos=FRANKA_PANDA_TCP_OFFSET),
                )
            ],
        )
        self.actions.arm_action = mdp.JointPositionActionCfg(
            asset_name="robot", joint_names=["panda_joint.*"], scale=0.5, use_default_offset=True
        )
        self.actions.gripper_action = mdp.BinaryJointPositionActionCfg(
            asset_name="robot",
            joint_names=["panda_finger.*"],
            open_command_expr={"panda_finger_.*": 0.04},
            close_command_expr={"panda_finger_.*": 0.0},
        )
        self.commands.object_pose.body_name = "panda_hand"
