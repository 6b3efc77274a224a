# Copyright (c) 2026, The my_tasks Project Developers.
# SPDX-License-Identifier: BSD-3-Clause

"""The manager-based cartpole's own MDP terms, on joint positions alone (no simulation)."""

from __future__ import annotations

import math
from types import SimpleNamespace

import pytest
import torch

from isaaclab.managers import SceneEntityCfg
from isaaclab.utils.math import wrap_to_pi

from my_tasks.tasks.classic.cartpole.mdp import pole_fallen

pytestmark = pytest.mark.unit


@pytest.mark.parametrize("max_angle", [0.25 * math.pi, 0.5 * math.pi, 0.9 * math.pi, 4.0])
def test_pole_fallen_is_the_wrapped_angle_beyond_the_limit(max_angle):
    """Angles on both sides of the limit, and the same after whole turns either way."""
    angles = torch.tensor([0.0, 0.3, 1.0, 1.5, 1.65, 2.5, 3.1, 3.2]) * torch.tensor([[1.0], [-1.0]])
    angles = torch.cat([angles.flatten() + turn * 2 * math.pi for turn in (-2, -1, 0, 1, 3)])
    joint_pos = torch.stack((torch.zeros_like(angles), angles), dim=1)  # (cart, pole)
    robot = SimpleNamespace(data=SimpleNamespace(joint_pos=SimpleNamespace(torch=joint_pos)))
    env = SimpleNamespace(scene={"robot": robot})
    asset_cfg = SceneEntityCfg("robot", joint_names=["cart_to_pole"])
    asset_cfg.joint_ids = [1]
    expected = torch.abs(wrap_to_pi(angles)) > max_angle
    assert torch.equal(pole_fallen(env, max_angle=max_angle, asset_cfg=asset_cfg), expected)
