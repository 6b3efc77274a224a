# Copyright (c) 2026, The my_tasks Project Developers.
# SPDX-License-Identifier: BSD-3-Clause

"""Velocity tracking: follow a commanded base velocity (forward, sideways, turning) on flat or rough ground.

The MDP is Isaac Lab's (``isaaclab_tasks.core.velocity``): its observations, rewards, terminations, events
and terrain curriculum are imported, not copied. Each robot under ``config/`` subclasses Isaac Lab's cfg
for that robot and swaps in what must run offline (our robot and ground files).
"""
