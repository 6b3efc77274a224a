# Copyright (c) 2026, The my_tasks Project Developers.
# SPDX-License-Identifier: BSD-3-Clause

"""Termination terms of the cartpole task."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import torch

from isaaclab.managers import SceneEntityCfg

if TYPE_CHECKING:
    from isaaclab.envs import ManagerBasedRLEnv


def pole_fallen(env: ManagerBasedRLEnv, max_angle: float, asset_cfg: SceneEntityCfg) -> torch.Tensor:
    """Whether the pole leans more than ``max_angle`` [rad] from upright.

    The hinge has no limits, so a pole that swung all the way round is upright again, not 2 pi away. The
    test ``cos(angle) < cos(max_angle)`` is ``|angle wrapped to [-pi, pi)| > max_angle`` (for ``max_angle`` up
    to pi) in two kernels instead of wrapping's eight: the term runs for every env at every step, and on a
    GPU each kernel launch costs about as much as the arithmetic of thousands of envs.
    """
    joint_pos = env.scene[asset_cfg.name].data.joint_pos.torch[:, asset_cfg.joint_ids]
    return torch.any(torch.cos(joint_pos) < math.cos(min(max_angle, math.pi)), dim=1)
