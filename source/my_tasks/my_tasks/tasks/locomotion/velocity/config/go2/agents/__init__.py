# Copyright (c) 2026, The my_tasks Project Developers.
# SPDX-License-Identifier: BSD-3-Clause

"""SB3 configs of the Go2 velocity tasks (rsl_rl and skrl use Isaac Lab's own, see the package docstring)."""
