# Copyright (c) 2026, The my_tasks Project Developers.
# SPDX-License-Identifier: BSD-3-Clause

"""List the registered MyTasks-* tasks: workflow, config entry points and the RL libraries they support.

    python scripts/list_envs.py [--keyword Cartpole]

Isaac Lab's own ``isaaclab list_envs --keyword MyTasks`` lists them too, through the ``isaaclab.tasks``
entry point of our package.
"""

import argparse

import gymnasium as gym
from prettytable import PrettyTable

import my_tasks  # noqa: F401  (importing it registers the MyTasks-* tasks with gymnasium)
from my_tasks.rl.cli import LIBRARIES
from my_tasks.rl.tasks import TASK_PREFIX


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keyword", default="", help="Only tasks whose ID contains this text.")
    args = parser.parse_args()

    table = PrettyTable(["Task", "Workflow", "Env config", "RL libraries"], align="l")
    for spec in sorted(gym.registry.values(), key=lambda spec: spec.id):
        if not spec.id.startswith(TASK_PREFIX) or args.keyword not in spec.id:
            continue
        workflow = "manager-based" if spec.entry_point == "isaaclab.envs:ManagerBasedRLEnv" else "direct"
        libraries = [library for library in LIBRARIES if f"{library}_cfg_entry_point" in spec.kwargs]
        table.add_row([spec.id, workflow, spec.kwargs["env_cfg_entry_point"], ", ".join(libraries)])
    print(table)


if __name__ == "__main__":
    main()
