# Copyright (c) 2026, The my_tasks Project Developers.
# SPDX-License-Identifier: BSD-3-Clause

"""The Go2 velocity tasks on the CPU: what a standing robot earns, the deploy metadata, a fixed command, learning."""

from __future__ import annotations

import importlib.util
import json
import sys

import gymnasium as gym
import pytest
import torch
import yaml
from conftest import SCRIPTS, run_script

from isaaclab.app import launch_simulation

import my_tasks  # noqa: F401
from my_tasks.rl import metadata, tasks

TASK = "MyTasks-Velocity-Flat-Go2"
NUM_ENVS = 4


def _load_policy_runner():
    spec = importlib.util.spec_from_file_location("policy_runner", SCRIPTS / "deploy" / "policy_runner.py")
    module = sys.modules[spec.name] = importlib.util.module_from_spec(spec)  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def standing_env():
    """The flat task in play mode (no noise, no pushes), every robot commanded to stand: (0, 0, 0)."""
    env_cfg, _ = tasks.resolve_configs(TASK, None, [], play_mode=True)
    tasks.configure_env(env_cfg, num_envs=NUM_ENVS, device="cpu", seed=7, command=[0.0, 0.0, 0.0])
    env_cfg.events.reset_base.params["velocity_range"] = {}  # start at rest: the test compares what robots do
    with launch_simulation(env_cfg, {}):
        env = gym.make(TASK, cfg=env_cfg)
        env.reset()
        yield env.unwrapped
        env.close()


@pytest.mark.sim
def test_a_robot_standing_still_is_not_terminated_and_earns_more_than_one_that_falls(standing_env):
    env = standing_env
    env.reset()
    # half the robots hold their default pose (action 0); half swing their thighs 1.5 rad back and fold their
    # knees 1 rad (actions are scaled by 0.25): the legs leave the body unsupported and it drops to the ground
    joint_names = env.action_manager.get_term("joint_pos")._joint_names
    actions = torch.zeros(env.num_envs, len(joint_names))
    for index, name in enumerate(joint_names):
        actions[NUM_ENVS // 2 :, index] = 6.0 if "thigh" in name else -4.0 if "calf" in name else 0.0
    returns = torch.zeros(env.num_envs)
    ended = torch.zeros(env.num_envs, dtype=torch.bool)
    base_contact = torch.zeros(env.num_envs, dtype=torch.bool)
    for _ in range(100):  # 2 s
        _, reward, terminated, truncated, _ = env.step(actions)
        returns += reward * ~ended
        base_contact |= env.termination_manager.get_term("base_contact") & ~ended
        ended |= terminated | truncated
    standing, falling = slice(0, NUM_ENVS // 2), slice(NUM_ENVS // 2, None)
    assert not ended[standing].any(), "a robot standing still was terminated"
    assert base_contact[falling].all(), "a robot that folded its legs did not end on its body"
    assert returns[standing].min() > returns[falling].max(), returns.tolist()


@pytest.mark.sim
def test_the_deploy_metadata_rebuilds_the_envs_observation_from_raw_robot_state(standing_env, tmp_path):
    """A robot-side runner (scripts/deploy/policy_runner.py) reads only policy.yaml and gets the env's observation."""
    env = standing_env
    env.reset()
    robot = env.scene["robot"]
    command = env.command_manager.get_term("base_velocity")
    info = metadata.policy_metadata(env, task=TASK, library="rsl_rl", obs_dim=48, act_dim=12, action_clip=None)
    (tmp_path / "policy.yaml").write_text(yaml.safe_dump(info, sort_keys=False))
    module = _load_policy_runner()
    runner = module.PolicyRunner(tmp_path)
    generator = torch.Generator().manual_seed(0)
    for step in range(6):
        actions = 0.5 * torch.randn(env.num_envs, 12, generator=generator)
        command.vel_command_b[:] = torch.rand(env.num_envs, 3, generator=generator) * 2 - 1  # any command
        obs = env.step(actions)[0]["policy"]
        for i in range(env.num_envs):
            joint_pos = dict(zip(robot.joint_names, robot.data.joint_pos.torch[i].tolist(), strict=True))
            joint_vel = dict(zip(robot.joint_names, robot.data.joint_vel.torch[i].tolist(), strict=True))
            state = module.RobotState(
                joint_pos=joint_pos,
                joint_vel=joint_vel,
                base_lin_vel=robot.data.root_lin_vel_b.torch[i].tolist(),
                base_ang_vel=robot.data.root_ang_vel_b.torch[i].tolist(),
                projected_gravity=robot.data.projected_gravity_b.torch[i].tolist(),
            )
            runner.last_action = actions[i].numpy()
            rebuilt = runner.observation(state, command=command.command[i].tolist())
            assert rebuilt == pytest.approx(obs[i].numpy(), abs=1e-5), f"step {step}, robot {i}"
    # the action side: the env's joint position targets are offset + scale * action, in joint_names order
    targets = runner.joint_targets(actions[0].numpy())
    expected = env.action_manager.get_term("joint_pos").processed_actions[0]
    names = env.action_manager.get_term("joint_pos")._joint_names
    assert [targets[name] for name in names] == pytest.approx(expected.tolist(), abs=1e-5)
    assert info["joint_stiffness"] == [25.0] * 12 and info["joint_damping"] == [0.5] * 12
    assert info["commands"][0]["layout"] == ["lin_vel_x", "lin_vel_y", "ang_vel_z"]
    assert info["step_dt"] == pytest.approx(0.02)


@pytest.mark.unit
def test_a_fixed_command_holds_every_robots_velocity_command():
    env_cfg, _ = tasks.resolve_configs(TASK, None, [], play_mode=True)
    tasks.configure_env(env_cfg, num_envs=2, device="cpu", seed=0, command=[1.0, -0.5, 0.25])
    ranges = env_cfg.commands.base_velocity.ranges
    assert (ranges.lin_vel_x, ranges.lin_vel_y, ranges.ang_vel_z) == ((1.0, 1.0), (-0.5, -0.5), (0.25, 0.25))
    assert not env_cfg.commands.base_velocity.heading_command
    assert env_cfg.commands.base_velocity.rel_standing_envs == 0.0


@pytest.mark.unit
def test_a_fixed_command_on_a_task_without_one_is_a_one_line_error(tmp_path):
    from conftest import assert_one_line_error

    result = run_script(
        "rsl_rl/play.py",
        "--task",
        "MyTasks-Cartpole-Direct",
        "--device",
        "cpu",
        "--command",
        "1",
        "0",
        "0",
        cwd=tmp_path,
    )
    assert_one_line_error(result, 1, "--command", "no velocity command")


@pytest.mark.train
def test_a_few_rsl_rl_iterations_raise_the_tracking_reward(tmp_path):
    """From a random policy to one that tracks a little: the mean tracking reward of the episodes rises."""
    from tensorboard.backend.event_processing.event_accumulator import EventAccumulator

    iterations = 12
    result = run_script(
        "rsl_rl/train.py",
        *("--task", TASK, "--device", "cpu", "--num_envs", "64", "--max_iterations", str(iterations)),
        *("--seed", "1", "--experiment_name", "walk"),
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    (run_dir,) = (tmp_path / "logs" / "rsl_rl" / "walk").iterdir()
    assert json.loads((run_dir / "run.json").read_text())["task"] == TASK
    events = EventAccumulator(str(run_dir), size_guidance={"scalars": 0})
    events.Reload()
    tracking = [event.value for event in events.Scalars("Episode_Reward/track_lin_vel_xy_exp")]
    assert len(tracking) >= iterations - 1
    # falling robots earn next to nothing (0.002 at the first iteration); standing and stepping, several times that
    first, last = sum(tracking[:3]) / 3, sum(tracking[-5:]) / 5
    assert last > 2 * first, tracking
