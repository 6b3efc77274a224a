# Copyright (c) 2026, The my_tasks Project Developers.
# SPDX-License-Identifier: BSD-3-Clause

"""Configuration of the direct-workflow cartpole task."""

from __future__ import annotations

import math

from isaaclab.envs import DirectRLEnvCfg
from isaaclab.sim import SimulationCfg
from isaaclab.utils import configclass
from isaaclab.visualizers import VisualizerCfg

from .cartpole_scene_cfg import CartpolePhysicsCfg, CartpoleSceneCfg


@configclass
class CartpoleDirectEnvCfg(DirectRLEnvCfg):
    """Balance the pole for 5 s; the episode ends early when the pole falls or the cart leaves the rail."""

    # env
    decimation = 2
    episode_length_s = 5.0  # 300 policy steps at 60 Hz
    action_scale = 100.0  # [N] per unit action
    action_space = 1
    observation_space = 4
    state_space = 0

    # simulation
    sim: SimulationCfg = SimulationCfg(dt=1 / 120, render_interval=decimation, physics=CartpolePhysicsCfg())

    # scene
    scene: CartpoleSceneCfg = CartpoleSceneCfg(num_envs=4096, env_spacing=4.0, replicate_physics=True)

    cart_dof_name = "slider_to_cart"
    pole_dof_name = "cart_to_pole"

    # termination
    max_cart_pos = 3.0  # the episode ends when the cart is further from the centre [m]
    max_pole_angle = 0.5 * math.pi  # the episode ends when the pole leans further from upright [rad]

    # reset
    initial_cart_position_range = (-1.0, 1.0)  # [m]
    initial_cart_velocity_range = (-0.5, 0.5)  # [m/s]
    initial_pole_angle_range = (-0.25 * math.pi, 0.25 * math.pi)  # [rad]
    initial_pole_velocity_range = (-0.25 * math.pi, 0.25 * math.pi)  # [rad/s]

    # reward scales
    rew_scale_alive = 1.0
    rew_scale_terminated = -2.0
    rew_scale_pole_pos = -1.0
    rew_scale_cart_vel = -0.01
    rew_scale_pole_vel = -0.005

    def __post_init__(self):
        self.sim.default_visualizer_cfg = VisualizerCfg(eye=(8.0, 0.0, 5.0))

    def play_mode(self):
        """Play with few environments, so that a CPU evaluation stays quick."""
        super().play_mode()
        self.scene.num_envs = min(self.scene.num_envs, 16)
