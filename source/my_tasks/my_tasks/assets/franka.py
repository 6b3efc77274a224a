# Copyright (c) 2026, The my_tasks Project Developers.
# SPDX-License-Identifier: BSD-3-Clause

"""Configuration of the Franka Emika Panda arm with its gripper, from the local ``panda.usdc``.

Joint names and default pose follow Isaac Lab's ``FRANKA_PANDA_CFG``, whose USD file is only on the
remote asset server. Its gains are authored in that USD; ours are MuJoCo Menagerie's Panda gains,
stiff enough to hold the arm against gravity. As in Isaac Lab, only ``panda_finger_joint1`` is driven:
the URDF's mimic constraint makes ``panda_finger_joint2`` follow it. The base is welded to the world
by the spawner (``fix_root_link``). Bodies: ``panda_link0``..``panda_link7``, ``panda_hand``,
``panda_leftfinger``, ``panda_rightfinger``.
"""

import isaaclab.sim as sim_utils
from isaaclab.actuators import ImplicitActuatorCfg
from isaaclab.assets import ArticulationCfg

from isaaclab_newton.sim.schemas import MujocoRigidBodyCfg, NewtonArticulationCfg
from isaaclab_physx.sim.schemas import PhysxArticulationCfg, PhysxRigidBodyCfg

from .paths import ASSETS_DATA_DIR

FRANKA_PANDA_CFG = ArticulationCfg(
    spawn=sim_utils.UsdFileCfg(
        usd_path=str(ASSETS_DATA_DIR / "panda.usdc"),
        fix_root_link=True,
        activate_contact_sensors=False,
        rigid_props=PhysxRigidBodyCfg(disable_gravity=False, max_depenetration_velocity=5.0),
        articulation_props=[
            PhysxArticulationCfg(
                enabled_self_collisions=False, solver_position_iteration_count=8, solver_velocity_iteration_count=0
            ),
            NewtonArticulationCfg(self_collision_enabled=False),
        ],
    ),
    init_state=ArticulationCfg.InitialStateCfg(
        joint_pos={
            "panda_joint1": 0.0,
            "panda_joint2": -0.569,
            "panda_joint3": 0.0,
            "panda_joint4": -2.810,
            "panda_joint5": 0.0,
            "panda_joint6": 3.037,
            "panda_joint7": 0.741,
            "panda_finger_joint.*": 0.04,
        },
    ),
    actuators={
        "panda_shoulder": ImplicitActuatorCfg(
            joint_names_expr=["panda_joint[1-4]"],
            joint_effort_limit=87.0,  # [N m]
            joint_velocity_limit=2.175,  # [rad/s]
            stiffness={"panda_joint[1-2]": 4500.0, "panda_joint[3-4]": 3500.0},  # [N m/rad]
            damping={"panda_joint[1-2]": 450.0, "panda_joint[3-4]": 350.0},  # [N m s/rad]
            armature=0.1,  # [kg m^2] reflected motor inertia; keeps the stiff PD loop stable on light links
        ),
        "panda_forearm": ImplicitActuatorCfg(
            joint_names_expr=["panda_joint[5-7]"],
            joint_effort_limit=12.0,
            joint_velocity_limit=2.61,
            stiffness=2000.0,
            damping=200.0,
            armature=0.1,
        ),
        "panda_hand": ImplicitActuatorCfg(
            joint_names_expr=["panda_finger_joint1"],
            joint_effort_limit=200.0,  # [N]
            stiffness=2e3,  # [N/m]
            damping=1e2,  # [N s/m]
        ),
        # follows panda_finger_joint1 through the mimic constraint; no drive of its own
        "panda_finger2_passive": ImplicitActuatorCfg(
            joint_names_expr=["panda_finger_joint2"], joint_effort_limit=200.0, stiffness=0.0, damping=0.0
        ),
    },
    soft_joint_pos_limit_factor=1.0,
)
"""Franka Emika Panda (17.5 kg) fixed to the world, with PD position control of the arm and the gripper."""

FRANKA_PANDA_TCP_OFFSET = (0.0, 0.0, 0.1034)
"""[m] Tool centre point in ``panda_hand``'s frame: midway between the fingertip pads, where a grasped object sits."""


def with_gravity_compensation(robot_cfg: ArticulationCfg) -> ArticulationCfg:
    """The arm with its links' weight compensated: for differential IK, which solves for poses, not torques.

    Without it a joint target sags away from the pose it was solved for. MuJoCo compensates per body
    (``gravcomp``); PhysX turns the links' gravity off.
    """
    rigid_props = [
        PhysxRigidBodyCfg(disable_gravity=True, max_depenetration_velocity=5.0),
        MujocoRigidBodyCfg(gravcomp=1.0),
    ]
    return robot_cfg.replace(spawn=robot_cfg.spawn.replace(rigid_props=rigid_props))
