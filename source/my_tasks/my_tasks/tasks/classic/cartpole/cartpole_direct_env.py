# Copyright (c) 2026, The my_tasks Project Developers.
# SPDX-License-Identifier: BSD-3-Clause

"""Direct-workflow cartpole: the whole MDP in one :class:`~isaaclab.envs.DirectRLEnv` subclass."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import torch

from isaaclab.envs import DirectRLEnv
from isaaclab.utils.math import sample_uniform, wrap_to_pi

if TYPE_CHECKING:
    from .cartpole_direct_env_cfg import CartpoleDirectEnvCfg


class CartpoleDirectEnv(DirectRLEnv):
    """Observations: cart position, pole angle, cart velocity, pole angular velocity (relative to default).

    Action: one force on the cart, ``action_scale`` newtons per unit.
    """

    cfg: CartpoleDirectEnvCfg

    OBSERVATION_TERMS = {"cart_pos": 1, "pole_angle": 1, "cart_vel": 1, "pole_angular_vel": 1}

    def __init__(self, cfg: CartpoleDirectEnvCfg, render_mode: str | None = None, **kwargs):
        super().__init__(cfg, render_mode, **kwargs)
        self.robot = self.scene["robot"]
        (self._cart,), _ = self.robot.find_joints(self.cfg.cart_dof_name)
        (self._pole,), _ = self.robot.find_joints(self.cfg.pole_dof_name)
        # views on the articulation's state buffers, refreshed by the simulation every step
        self.joint_pos = self.robot.data.joint_pos.torch
        self.joint_vel = self.robot.data.joint_vel.torch

    def _pre_physics_step(self, actions: torch.Tensor) -> None:
        self.actions = self.cfg.action_scale * actions

    def _apply_action(self) -> None:
        self.robot.set_joint_effort_target_index(target=self.actions, joint_ids=[self._cart])

    def _get_observations(self) -> dict:
        joint_pos_rel = self.joint_pos - self.robot.data.default_joint_pos.torch
        joint_vel_rel = self.joint_vel - self.robot.data.default_joint_vel.torch
        cart, pole = self._cart, self._pole
        obs = torch.stack(
            (joint_pos_rel[:, cart], joint_pos_rel[:, pole], joint_vel_rel[:, cart], joint_vel_rel[:, pole]), dim=-1
        )
        return {"policy": obs}

    def _get_rewards(self) -> torch.Tensor:
        cart, pole = self._cart, self._pole
        return compute_rewards(
            self.cfg.rew_scale_alive,
            self.cfg.rew_scale_terminated,
            self.cfg.rew_scale_pole_pos,
            self.cfg.rew_scale_cart_vel,
            self.cfg.rew_scale_pole_vel,
            self.joint_pos[:, pole],
            self.joint_vel[:, pole],
            self.joint_vel[:, cart],
            self.reset_terminated,
            self.step_dt,
        )

    def _get_dones(self) -> tuple[torch.Tensor, torch.Tensor]:
        cart, pole = self._cart, self._pole
        time_out = self.episode_length_buf >= self.max_episode_length
        cart_off_rail = torch.abs(self.joint_pos[:, cart]) > self.cfg.max_cart_pos
        pole_fallen = torch.abs(wrap_to_pi(self.joint_pos[:, pole])) > self.cfg.max_pole_angle
        return cart_off_rail | pole_fallen, time_out

    def _reset_idx(self, env_ids: Sequence[int] | None):
        if env_ids is None:
            env_ids = self.robot._ALL_INDICES
        # an episode succeeds when it lasts until the time limit (Isaac Lab's survival metric)
        self.extras.setdefault("log", {})["Metrics/success_rate"] = self.reset_time_outs[env_ids].float().mean()
        super()._reset_idx(env_ids)

        cart, pole = self._cart, self._pole
        joint_pos = self.robot.data.default_joint_pos.torch[env_ids].clone()
        joint_vel = self.robot.data.default_joint_vel.torch[env_ids].clone()
        shape = joint_pos[:, cart].shape
        joint_pos[:, cart] += sample_uniform(*self.cfg.initial_cart_position_range, shape, joint_pos.device)
        joint_vel[:, cart] += sample_uniform(*self.cfg.initial_cart_velocity_range, shape, joint_pos.device)
        joint_pos[:, pole] += sample_uniform(*self.cfg.initial_pole_angle_range, shape, joint_pos.device)
        joint_vel[:, pole] += sample_uniform(*self.cfg.initial_pole_velocity_range, shape, joint_pos.device)

        root_pose = self.robot.data.default_root_pose.torch[env_ids].clone()
        root_pose[:, :3] += self.scene.env_origins[env_ids]
        root_vel = self.robot.data.default_root_vel.torch[env_ids].clone()
        self.robot.write_root_pose_to_sim_index(root_pose=root_pose, env_ids=env_ids)
        self.robot.write_root_velocity_to_sim_index(root_velocity=root_vel, env_ids=env_ids)
        self.robot.write_joint_position_to_sim_index(position=joint_pos, env_ids=env_ids)
        self.robot.write_joint_velocity_to_sim_index(velocity=joint_vel, env_ids=env_ids)

    def policy_metadata(self) -> dict:
        """Describe the policy's inputs and outputs for deployment (see ``my_tasks.rl.metadata``)."""
        return {
            "observation_terms": [{"name": name, "dim": dim} for name, dim in self.OBSERVATION_TERMS.items()],
            "action_terms": [{"name": "cart_force", "dim": 1}],
            "joint_names": [self.cfg.cart_dof_name],
            "default_joint_pos": self.robot.data.default_joint_pos.torch[0, [self._cart]].tolist(),
            "action_scale": self.cfg.action_scale,
        }


@torch.jit.script
def compute_rewards(
    rew_scale_alive: float,
    rew_scale_terminated: float,
    rew_scale_pole_pos: float,
    rew_scale_cart_vel: float,
    rew_scale_pole_vel: float,
    pole_pos: torch.Tensor,
    pole_vel: torch.Tensor,
    cart_vel: torch.Tensor,
    reset_terminated: torch.Tensor,
    step_dt: float,
) -> torch.Tensor:
    """Reward staying alive with the pole upright and the cart and pole calm; penalize falling.

    Terms are rates per second, as in the manager-based workflow, so a 5 s episode earns at most 5.
    """
    terminated = reset_terminated.float()
    reward = (
        rew_scale_alive * (1.0 - terminated)
        + rew_scale_terminated * terminated
        + rew_scale_pole_pos * torch.square(wrap_to_pi(pole_pos))
        + rew_scale_cart_vel * torch.abs(cart_vel)
        + rew_scale_pole_vel * torch.abs(pole_vel)
    )
    return reward * step_dt
