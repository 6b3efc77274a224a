# Copyright (c) 2026, The my_tasks Project Developers.
# SPDX-License-Identifier: BSD-3-Clause

"""MDP terms of the lift tasks: Isaac Lab's shared terms, its classic lift terms, and the success metric here."""

from isaaclab.envs.mdp import *  # noqa: F403

from isaaclab_tasks.contrib.lift.mdp import (  # noqa: F401
    object_ee_distance,
    object_goal_distance,
    object_is_lifted,
    object_position_in_robot_root_frame,
)

from .rewards import object_goal_distance_at_end  # noqa: F401
