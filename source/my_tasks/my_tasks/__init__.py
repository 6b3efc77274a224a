# Copyright (c) 2026, The my_tasks Project Developers.
# SPDX-License-Identifier: BSD-3-Clause

"""Isaac Lab 3 tasks that run offline, with train/play/export plumbing for rsl_rl, skrl and SB3.

Importing this package registers every ``MyTasks-*`` task with gymnasium, exactly as importing
``isaaclab_tasks`` registers the ``Isaac-*`` tasks.
"""

import importlib.metadata

# Newton's USD schemas (NewtonJointAPI, NewtonMimicAPI, ...) must be registered before USD first builds its
# schema registry, at the first use of a stage: schemas registered later are silently missing from every
# prim, and the Panda's finger mimic joint, for one, stops working. Importing my_tasks registers them first.
import newton_usd_schemas  # noqa: F401

try:
    __version__ = importlib.metadata.version("my_tasks")
except importlib.metadata.PackageNotFoundError:  # a source checkout on PYTHONPATH, not installed
    __version__ = "0.0.0"

from . import tasks  # noqa: E402, F401  (registers the tasks)
