# Copyright (c) 2026, The my_tasks Project Developers.
# SPDX-License-Identifier: BSD-3-Clause

"""Both cartpole tasks, simulated kit-less on the CPU: spaces, rewards, terminations, time-outs, metadata."""

from __future__ import annotations

import math
from contextlib import contextmanager

import gymnasium as gym
import pytest
import torch

from isaaclab.app import launch_simulation

import my_tasks  # noqa: F401
from my_tasks.rl import metadata, tasks

pytestmark = pytest.mark.sim

TASKS = ["MyTasks-Cartpole-Direct", "MyTasks-Cartpole"]
NUM_ENVS = 4


@contextmanager
def make_env(task: str, *overrides: str, play_mode: bool = False):
    env_cfg, _ = tasks.resolve_configs(task, None, list(overrides), play_mode=play_mode)
    tasks.configure_env(env_cfg, num_envs=NUM_ENVS, device="cpu", seed=0)
    with launch_simulation(env_cfg, {}):
        env = gym.make(task, cfg=env_cfg)
        try:
            env.reset(seed=0)
            yield env
        finally:
            env.close()


def put_cartpole(env, cart_pos: float, pole_angle: float) -> None:
    """Place every cartpole at rest in the given state."""
    robot = env.unwrapped.scene["robot"]
    (cart,), _ = robot.find_joints("slider_to_cart")
    (pole,), _ = robot.find_joints("cart_to_pole")
    position = torch.zeros(NUM_ENVS, robot.num_joints)
    position[:, cart] = cart_pos
    position[:, pole] = pole_angle
    robot.write_joint_position_to_sim_index(position=position)
    robot.write_joint_velocity_to_sim_index(velocity=torch.zeros_like(position))


def zero_step(env):
    return env.step(torch.zeros(NUM_ENVS, 1))


@pytest.mark.parametrize("task", TASKS)
def test_reset_and_step_shapes(task):
    with make_env(task) as env:
        obs, _ = env.reset(seed=1)
        assert obs["policy"].shape == (NUM_ENVS, 4)
        for _ in range(20):
            obs, reward, terminated, truncated, _ = env.step(2 * torch.rand(NUM_ENVS, 1) - 1)
            assert obs["policy"].shape == (NUM_ENVS, 4) and torch.isfinite(obs["policy"]).all()
            assert reward.shape == (NUM_ENVS,) and torch.isfinite(reward).all()
            assert terminated.shape == truncated.shape == (NUM_ENVS,) and terminated.dtype == torch.bool


@pytest.mark.parametrize("task", TASKS)
def test_an_upright_pole_at_rest_is_rewarded_and_not_terminated(task):
    with make_env(task) as env:
        for _ in range(10):
            put_cartpole(env, cart_pos=0.0, pole_angle=0.0)
            obs, reward, terminated, truncated, _ = zero_step(env)
            assert not terminated.any() and not truncated.any()
            # alive bonus [1/s] over one 1/60 s step, nothing to penalise
            assert torch.allclose(reward, torch.full((NUM_ENVS,), 1 / 60), atol=1e-4)
            assert obs["policy"].abs().max() < 1e-3


@pytest.mark.parametrize("task", TASKS)
@pytest.mark.parametrize(("cart_pos", "pole_angle"), [(3.2, 0.0), (-3.2, 0.0), (0.0, 2.0), (0.0, -2.0)])
def test_a_cart_off_the_rail_or_a_fallen_pole_ends_the_episode(task, cart_pos, pole_angle):
    with make_env(task) as env:
        put_cartpole(env, cart_pos=cart_pos, pole_angle=pole_angle)
        _, reward, terminated, truncated, _ = zero_step(env)
        assert terminated.all() and not truncated.any()
        assert (reward < 0).all()  # the termination penalty outweighs the alive bonus


@pytest.mark.parametrize("task", TASKS)
def test_a_pole_balanced_until_the_time_limit_counts_as_success(task):
    with make_env(task, "env.episode_length_s=0.1") as env:  # 6 steps of 1/60 s
        max_steps = env.unwrapped.max_episode_length
        assert max_steps == math.ceil(0.1 * 60)
        for step in range(max_steps):
            put_cartpole(env, cart_pos=0.0, pole_angle=0.0)
            _, _, terminated, truncated, extras = zero_step(env)
            assert not terminated.any()
            assert truncated.all() == (step == max_steps - 1)
        assert float(extras["log"]["Metrics/success_rate"]) == 1.0


@pytest.mark.parametrize("task", TASKS)
def test_play_mode_has_the_training_spaces(task):
    with make_env(task) as env:
        train_spaces = (env.unwrapped.single_observation_space["policy"].shape, env.unwrapped.single_action_space.shape)
    with make_env(task, play_mode=True) as env:
        play_spaces = (env.unwrapped.single_observation_space["policy"].shape, env.unwrapped.single_action_space.shape)
    assert train_spaces == play_spaces == ((4,), (1,))


@pytest.mark.parametrize("task", TASKS)
def test_policy_metadata_describes_the_interface(task):
    with make_env(task) as env:
        info = metadata.policy_metadata(env, task=task, library="rsl_rl", obs_dim=4, act_dim=1, action_clip=None)
    assert tuple(info) == metadata.METADATA_KEYS
    assert sum(term["dim"] for term in info["observation_terms"]) == 4
    assert len(info["observation_terms"]) > 1  # named terms, not one anonymous block
    assert info["action_terms"][0]["dim"] == 1
    assert info["joint_names"] == ["slider_to_cart"] and info["default_joint_pos"] == [0.0]
    assert info["action_scale"] == [100.0]
    assert info["step_dt"] == pytest.approx(1 / 60)
