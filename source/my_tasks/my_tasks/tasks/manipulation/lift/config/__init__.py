# Copyright (c) 2026, The my_tasks Project Developers.
# SPDX-License-Identifier: BSD-3-Clause

"""Robot-specific lift configurations."""
