# Copyright (c) 2026, The my_tasks Project Developers.
# SPDX-License-Identifier: BSD-3-Clause

"""Termination terms of the cartpole task."""

from __future__ import annotations

from typing import TYPE_CHECKING

import torch

from isaaclab.managers import SceneEntityCfg
from isaaclab.utils.math import wrap_to_pi

if TYPE_CHECKING:
    from isaaclab.envs import ManagerBasedRLEnv


def pole_fallen(env: ManagerBasedRLEnv, max_angle: float, asset_cfg: SceneEntityCfg) -> torch.Tensor:
    """Whether the pole leans more than ``max_angle`` [rad] from upright.

    The hinge has no limits, so the angle is wrapped to [-pi, pi) first: a pole that swung all the way
    round is upright again, not 2 pi away.
    """
    joint_pos = env.scene[asset_cfg.name].data.joint_pos.torch[:, asset_cfg.joint_ids]
    return torch.any(torch.abs(wrap_to_pi(joint_pos)) > max_angle, dim=1)
