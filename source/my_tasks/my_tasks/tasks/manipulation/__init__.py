# Copyright (c) 2026, The my_tasks Project Developers.
# SPDX-License-Identifier: BSD-3-Clause

"""Manipulation: an arm reaches a commanded pose (``reach``) or lifts a cube to a commanded position (``lift``)."""
