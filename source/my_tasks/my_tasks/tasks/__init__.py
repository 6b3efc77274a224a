# Copyright (c) 2026, The my_tasks Project Developers.
# SPDX-License-Identifier: BSD-3-Clause

"""Task packages, one folder per task under its family (``classic/cartpole``, ...).

Importing this package imports every sub-package, and so runs the ``gym.register`` calls in their
``__init__.py`` files. Isaac Lab's CLI imports it through the ``isaaclab.tasks`` entry point.
"""

from isaaclab_tasks.utils import import_packages

# mdp/ and agents/ hold terms and configs, not registrations; they are imported on demand
import_packages(__name__, blacklist_pkgs=[".mdp", ".agents"])
