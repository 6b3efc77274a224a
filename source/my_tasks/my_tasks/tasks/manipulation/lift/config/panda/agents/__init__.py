# Copyright (c) 2026, The my_tasks Project Developers.
# SPDX-License-Identifier: BSD-3-Clause

"""Agent configurations of the Panda lift tasks, one per RL library."""
