# Copyright (c) 2026, The my_tasks Project Developers.
# SPDX-License-Identifier: BSD-3-Clause

"""Every registered MyTasks-* task trains one iteration through a library's train script, on the CPU.

The libraries take the tasks in turn (the first task rsl_rl, the second skrl, the third SB3, ...), so that
every task trains and every library trains a third of them, in minutes rather than the half hour of the full
task x library product; every pair still resolves its configs (``test_task_configs.py``), and each library
trains, resumes, plays and exports the cartpole in its workflow tests. A new task registered with the four
entry points is covered here without new test code.
"""

from __future__ import annotations

import json

import gymnasium as gym
import pytest
from conftest import run_script

import my_tasks  # noqa: F401
from my_tasks.rl import checkpoints, cli, tasks

pytestmark = pytest.mark.train

TASK_IDS = sorted(task for task in gym.registry if task.startswith(tasks.TASK_PREFIX))


TASKS_AND_LIBRARIES = [(task, cli.LIBRARIES[index % len(cli.LIBRARIES)]) for index, task in enumerate(TASK_IDS)]


@pytest.mark.parametrize(("task", "library"), TASKS_AND_LIBRARIES)
def test_one_training_iteration_writes_a_checkpoint(task, library, tmp_path):
    result = run_script(
        f"{library}/train.py",
        *("--task", task, "--device", "cpu", "--num_envs", "16", "--max_iterations", "1"),
        *("--experiment_name", "walk", "--run_name", "one"),
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "[my_tasks] it 0/0 |" in result.stdout
    (run_dir,) = (tmp_path / "logs" / library / "walk").iterdir()
    manifest = json.loads((run_dir / "run.json").read_text())
    assert (manifest["task"], manifest["library"]) == (task, library)
    checkpoint = checkpoints.resolve_checkpoint(str(run_dir), library=library, task=task, experiment="walk")
    assert checkpoint.is_file() and checkpoints.run_dir_of(checkpoint) == run_dir.resolve()
