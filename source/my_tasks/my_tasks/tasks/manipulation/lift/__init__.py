# Copyright (c) 2026, The my_tasks Project Developers.
# SPDX-License-Identifier: BSD-3-Clause

"""Lift: pick a cube off a table and hold it at a commanded position. Robots in ``config/``."""
