# Copyright (c) 2026, The my_tasks Project Developers.
# SPDX-License-Identifier: BSD-3-Clause

"""What ``scripts/benchmark.py`` is made of.

* :mod:`.twins`: Isaac Lab's task beside each of ours, with the overrides that load our local files;
* :mod:`.step`: the child process that times env stepping with random actions;
* :mod:`.measurements`: one child process per measurement, and the figures read from its output;
* :mod:`.report`: machine, versions, commit, the JSON file and the table.
"""
