# Copyright (c) 2026, The my_tasks Project Developers.
# SPDX-License-Identifier: BSD-3-Clause

"""Every registered MyTasks-* task: its env and agent configs resolve, for training and for play."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

import gymnasium as gym
import pytest

import my_tasks  # noqa: F401
from my_tasks.assets import ASSETS_DATA_DIR
from my_tasks.rl import cli, tasks

pytestmark = pytest.mark.unit

TASK_IDS = sorted(task for task in gym.registry if task.startswith(tasks.TASK_PREFIX))


def test_the_cartpole_tasks_are_registered():
    assert {"MyTasks-Cartpole", "MyTasks-Cartpole-Direct"} <= set(TASK_IDS)


@pytest.mark.parametrize("task", TASK_IDS)
@pytest.mark.parametrize("library", cli.LIBRARIES)
def test_env_and_agent_configs_resolve(task, library):
    env_cfg, agent_cfg = tasks.resolve_configs(task, library, [])
    assert env_cfg.scene.num_envs > 0
    if library == "rsl_rl":
        from isaaclab_rl.rsl_rl import RslRlOnPolicyRunnerCfg

        assert isinstance(agent_cfg, RslRlOnPolicyRunnerCfg)
        assert agent_cfg.max_iterations > 0 and agent_cfg.experiment_name
    elif library == "skrl":
        assert {"models", "memory", "agent", "trainer"} <= set(agent_cfg)
    else:
        assert {"policy", "n_steps", "n_timesteps"} <= set(agent_cfg)


@pytest.mark.parametrize("task", TASK_IDS)
def test_play_mode_keeps_the_policy_interface(task):
    train_cfg, _ = tasks.resolve_configs(task, None, [])
    play_cfg, _ = tasks.resolve_configs(task, None, [], play_mode=True)
    assert play_cfg.scene.num_envs < train_cfg.scene.num_envs
    if hasattr(train_cfg, "observation_space"):  # direct workflow: sizes are declared on the config
        assert (play_cfg.observation_space, play_cfg.action_space) == (
            train_cfg.observation_space,
            train_cfg.action_space,
        )
    else:  # manager-based: the same observation and action terms, so the same sizes (play only drops the noise)
        assert _without_noise(dataclasses.asdict(play_cfg.observations)) == _without_noise(
            dataclasses.asdict(train_cfg.observations)
        )
        assert dataclasses.asdict(play_cfg.actions) == dataclasses.asdict(train_cfg.actions)


@pytest.mark.parametrize("task", TASK_IDS)
def test_physics_presets(task):
    """Newton (MuJoCo-Warp) by default; physics=physx selects PhysX for Isaac Sim users."""
    from isaaclab.physics import PhysxAutoCfg

    from isaaclab_newton.physics import MJWarpSolverCfg, NewtonCfg

    default_cfg, _ = tasks.resolve_configs(task, None, [])
    assert isinstance(default_cfg.sim.physics, NewtonCfg)
    assert isinstance(default_cfg.sim.physics.solver_cfg, MJWarpSolverCfg)
    physx_cfg, _ = tasks.resolve_configs(task, None, ["physics=physx"])
    assert isinstance(physx_cfg.sim.physics, PhysxAutoCfg)


@pytest.mark.parametrize("task", TASK_IDS)
def test_every_asset_is_a_shipped_file(task):
    env_cfg, _ = tasks.resolve_configs(task, None, [])
    # every file a scene loads (a terrain generated at start-up has usd_path None: it loads none)
    paths = [value for key, value in _walk(dataclasses.asdict(env_cfg)) if key == "usd_path" and value is not None]
    assert paths, "the scene spawns no USD file"
    for path in paths:
        assert Path(path).is_file() and Path(path).resolve().is_relative_to(ASSETS_DATA_DIR), path


def test_overrides_reach_the_configs():
    env_cfg, agent_cfg = tasks.resolve_configs(
        "MyTasks-Cartpole-Direct", "rsl_rl", ["env.max_cart_pos=2.5", "agent.algorithm.learning_rate=0.0003"]
    )
    assert env_cfg.max_cart_pos == 2.5
    assert agent_cfg.algorithm.learning_rate == pytest.approx(3e-4)


def test_isaaclab_cli_lists_the_tasks_through_the_entry_point(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "isaaclab", "list_envs", "--keyword", "MyTasks"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    for task in TASK_IDS:
        assert task in result.stdout


def _without_noise(node):
    """An observation config as a dict without its noise settings, which play mode turns off."""
    if isinstance(node, dict):
        return {key: _without_noise(value) for key, value in node.items() if key not in ("noise", "enable_corruption")}
    return node


def _walk(node, key=None):
    if isinstance(node, dict):
        for child_key, child in node.items():
            yield from _walk(child, child_key)
    elif isinstance(node, list | tuple):
        for child in node:
            yield from _walk(child, key)
    else:
        yield key, node
