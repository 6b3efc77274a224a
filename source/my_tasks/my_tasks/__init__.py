# Copyright (c) 2026, The my_tasks Project Developers.
# SPDX-License-Identifier: BSD-3-Clause

"""Isaac Lab 3 tasks that run offline, with train/play/export plumbing for rsl_rl, skrl and SB3.

Importing this package registers every ``MyTasks-*`` task with gymnasium, exactly as importing
``isaaclab_tasks`` registers the ``Isaac-*`` tasks.
"""

import importlib.metadata

try:
    __version__ = importlib.metadata.version("my_tasks")
except importlib.metadata.PackageNotFoundError:  # a source checkout on PYTHONPATH, not installed
    __version__ = "0.0.0"

from . import tasks  # noqa: E402, F401  (registers the tasks)
