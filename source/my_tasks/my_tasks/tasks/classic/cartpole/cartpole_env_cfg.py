# Copyright (c) 2026, The my_tasks Project Developers.
# SPDX-License-Identifier: BSD-3-Clause

"""Configuration of the manager-based cartpole task.

The MDP is composed of observation, action, reward, termination and event terms, each a function from ``mdp``.
"""

import math

from isaaclab.envs import ManagerBasedRLEnvCfg
from isaaclab.managers import EventTermCfg as EventTerm
from isaaclab.managers import ObservationGroupCfg as ObsGroup
from isaaclab.managers import ObservationTermCfg as ObsTerm
from isaaclab.managers import RewardTermCfg as RewTerm
from isaaclab.managers import SceneEntityCfg
from isaaclab.managers import TerminationTermCfg as DoneTerm
from isaaclab.utils import configclass
from isaaclab.visualizers import VisualizerCfg

from . import mdp
from .cartpole_scene_cfg import CartpolePhysicsCfg, CartpoleSceneCfg

CART = SceneEntityCfg("robot", joint_names=["slider_to_cart"])
POLE = SceneEntityCfg("robot", joint_names=["cart_to_pole"])


@configclass
class ActionsCfg:
    """A force on the cart, 100 N per unit action."""

    cart_force = mdp.JointEffortActionCfg(asset_name="robot", joint_names=["slider_to_cart"], scale=100.0)


@configclass
class ObservationsCfg:
    """Joint positions and velocities relative to the default pose: (cart, pole) each."""

    @configclass
    class PolicyCfg(ObsGroup):
        """The policy's observations, concatenated into one vector."""

        joint_pos_rel = ObsTerm(func=mdp.joint_pos_rel)
        joint_vel_rel = ObsTerm(func=mdp.joint_vel_rel)

        def __post_init__(self):
            self.enable_corruption = False
            self.concatenate_terms = True

    policy: PolicyCfg = PolicyCfg()


@configclass
class EventCfg:
    """Reset the cart and the pole to random offsets from the default pose."""

    reset_cart_position = EventTerm(
        func=mdp.reset_joints_by_offset,
        mode="reset",
        params={"asset_cfg": CART, "position_range": (-1.0, 1.0), "velocity_range": (-0.5, 0.5)},
    )
    reset_pole_position = EventTerm(
        func=mdp.reset_joints_by_offset,
        mode="reset",
        params={
            "asset_cfg": POLE,
            "position_range": (-0.25 * math.pi, 0.25 * math.pi),
            "velocity_range": (-0.25 * math.pi, 0.25 * math.pi),
        },
    )


@configclass
class RewardsCfg:
    """Stay alive with the pole upright; calm cart and pole; a penalty for falling."""

    alive = RewTerm(func=mdp.is_alive, weight=1.0)
    terminating = RewTerm(func=mdp.is_terminated, weight=-2.0)
    pole_pos = RewTerm(func=mdp.joint_pos_target_l2, weight=-1.0, params={"asset_cfg": POLE, "target": 0.0})
    cart_vel = RewTerm(func=mdp.joint_vel_l1, weight=-0.01, params={"asset_cfg": CART})
    pole_vel = RewTerm(func=mdp.joint_vel_l1, weight=-0.005, params={"asset_cfg": POLE})
    # weight 0: logs Metrics/success_rate (the episode lasted until the time limit) and adds nothing
    success_rate = RewTerm(func=mdp.survival_success_rate, weight=0.0)


@configclass
class TerminationsCfg:
    """End at the time limit, when the cart leaves the rail or when the pole falls."""

    time_out = DoneTerm(func=mdp.time_out, time_out=True)
    cart_out_of_bounds = DoneTerm(
        func=mdp.joint_pos_out_of_manual_limit, params={"asset_cfg": CART, "bounds": (-3.0, 3.0)}
    )
    pole_fallen = DoneTerm(func=mdp.pole_fallen, params={"asset_cfg": POLE, "max_angle": 0.5 * math.pi})


@configclass
class CartpoleEnvCfg(ManagerBasedRLEnvCfg):
    """Balance the pole for 5 s (300 policy steps at 60 Hz)."""

    scene: CartpoleSceneCfg = CartpoleSceneCfg(num_envs=4096, env_spacing=4.0)
    observations: ObservationsCfg = ObservationsCfg()
    actions: ActionsCfg = ActionsCfg()
    rewards: RewardsCfg = RewardsCfg()
    terminations: TerminationsCfg = TerminationsCfg()
    events: EventCfg = EventCfg()

    def __post_init__(self):
        self.decimation = 2
        self.episode_length_s = 5.0
        self.sim.dt = 1 / 120
        self.sim.render_interval = self.decimation
        self.sim.physics = CartpolePhysicsCfg()
        self.sim.default_visualizer_cfg = VisualizerCfg(eye=(8.0, 0.0, 5.0))

    def play_mode(self):
        """Play with few environments, so that a CPU evaluation stays quick."""
        super().play_mode()
        self.scene.num_envs = min(self.scene.num_envs, 16)
