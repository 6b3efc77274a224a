# Copyright (c) 2026, The my_tasks Project Developers.
# SPDX-License-Identifier: BSD-3-Clause

"""MDP terms of the cartpole task: Isaac Lab's shared terms plus the cartpole-specific ones here."""

from isaaclab.envs.mdp import *  # noqa: F403

from .terminations import pole_fallen  # noqa: F401
