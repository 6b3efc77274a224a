# Copyright (c) 2026, The my_tasks Project Developers.
# SPDX-License-Identifier: BSD-3-Clause

"""Step a task with zero actions: a check that it loads, resets and steps, and a measure of its speed.

python scripts/zero_agent.py --task MyTasks-Cartpole --num_envs 256 --device cpu --max_steps 1000
"""

import my_tasks  # noqa: F401  (importing it registers the MyTasks-* tasks with gymnasium)
from my_tasks.rl import cli, simple_agent
from my_tasks.rl.errors import run_main


def main() -> None:
    args = cli.parse_args("zero_agent")
    simple_agent.run(args, policy="zero")


if __name__ == "__main__":
    run_main(main)
