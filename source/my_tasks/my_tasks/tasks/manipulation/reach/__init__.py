# Copyright (c) 2026, The my_tasks Project Developers.
# SPDX-License-Identifier: BSD-3-Clause

"""Reach: the end effector tracks a sampled pose command. Robots in ``config/``."""
