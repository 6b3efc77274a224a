# Copyright (c) 2026, The my_tasks Project Developers.
# SPDX-License-Identifier: BSD-3-Clause

"""The Panda reach and lift tasks, kit-less on the CPU: rewards, success, the IK actions, a scripted grasp, learning.

Each env is built once for the tests of its class (building one costs more than the tests that use it,
and one simulation exists at a time); every test starts with its own ``reset``.
"""

from __future__ import annotations

import gymnasium as gym
import pytest
import torch
from conftest import run_script
from tensorboard.backend.event_processing.event_accumulator import EventAccumulator

from isaaclab.app import launch_simulation
from isaaclab.utils.math import combine_frame_transforms, quat_apply, quat_error_magnitude, subtract_frame_transforms

import my_tasks  # noqa: F401
from my_tasks.assets import FRANKA_PANDA_TCP_OFFSET
from my_tasks.rl import tasks
from my_tasks.tasks.manipulation.lift.config.panda import ik_abs_env_cfg

NUM_ENVS = 4
SUCCESS = "Metrics/success_rate"


def make_env(task: str, *overrides: str):
    """Yield a kit-less CPU env of ``task`` with NUM_ENVS envs; close it afterwards."""
    env_cfg, _ = tasks.resolve_configs(task, None, list(overrides))
    tasks.configure_env(env_cfg, num_envs=NUM_ENVS, device="cpu", seed=0)
    with launch_simulation(env_cfg, {}):
        env = gym.make(task, cfg=env_cfg)
        try:
            yield env
        finally:
            env.close()


def body_pose_b(env, body: str) -> tuple[torch.Tensor, torch.Tensor]:
    """Position and orientation (x, y, z, w) of a body of the robot in the robot's base frame."""
    robot = env.unwrapped.scene["robot"]
    index = robot.body_names.index(body)
    return subtract_frame_transforms(
        robot.data.root_pos_w.torch,
        robot.data.root_quat_w.torch,
        robot.data.body_pos_w.torch[:, index],
        robot.data.body_quat_w.torch[:, index],
    )


def tcp_pose_b(env) -> tuple[torch.Tensor, torch.Tensor]:
    """Pose of the Panda's tool centre point, between the fingertip pads, in the robot's base frame."""
    hand_pos, hand_quat = body_pose_b(env, "panda_hand")
    return hand_pos + quat_apply(hand_quat, torch.tensor(FRANKA_PANDA_TCP_OFFSET).expand(NUM_ENVS, 3)), hand_quat


@pytest.mark.sim
class TestReachIKRel:
    """MyTasks-Reach-Panda-IK-Rel; its rewards, command and success are those of MyTasks-Reach-Panda too."""

    @pytest.fixture(scope="class")
    def env(self):
        yield from make_env("MyTasks-Reach-Panda-IK-Rel")

    def test_an_action_moves_the_tcp_along_that_axis_of_the_base_frame(self, env):
        env.reset(seed=1)
        start_pos, start_quat = tcp_pose_b(env)
        # env i is told to move along +x, +y, +z and -z of the base frame, 2.5 cm per step
        directions = torch.tensor([[1.0, 0, 0], [0, 1.0, 0], [0, 0, 1.0], [0, 0, -1.0]])
        actions = torch.cat([0.5 * directions, torch.zeros(NUM_ENVS, 3)], dim=1)
        for _ in range(8):
            env.step(actions)
        end_pos, end_quat = tcp_pose_b(env)
        moved = end_pos - start_pos
        along = (moved * directions).sum(dim=1)
        across = (moved - along[:, None] * directions).norm(dim=1)
        # each step's target starts from where the hand is, so the hand moves at the arm's pace, not 2.5 cm a step
        assert (along > 0.03).all(), f"moved {along.tolist()} m along the commanded axis"
        assert (across < 0.2 * along).all(), f"moved {across.tolist()} m across it"
        assert (quat_error_magnitude(start_quat, end_quat) < 0.05).all(), "a pure translation turned the hand"

    def test_a_reached_pose_earns_more_than_a_far_one_and_ends_the_episode_as_a_success(self, env):
        env.reset(seed=2)
        # the command is a pose of panda_hand in the base frame: env 0 gets the one it holds, the others 0.3 m higher
        command = env.unwrapped.command_manager.get_term("ee_pose")
        hand_pos, hand_quat = body_pose_b(env, "panda_hand")
        command.pose_command_b[:, :3] = hand_pos
        command.pose_command_b[:, 3:] = hand_quat
        command.pose_command_b[1:, 2] += 0.3
        _, reward, terminated, truncated, extras = env.step(torch.zeros(NUM_ENVS, 6))  # no move: hold the pose
        assert (reward[0] > reward[1:]).all(), f"rewards {reward.tolist()}"
        assert terminated.tolist() == [True, False, False, False] and not truncated.any()
        assert float(extras["log"][SUCCESS]) == 1.0  # the rate over the episodes that just ended: env 0's


def ik_abs_action(tcp_pos_b: torch.Tensor, close: bool) -> torch.Tensor:
    """The IK-Abs lift action that puts the TCP at ``tcp_pos_b`` (base frame), pointing down, the gripper as asked."""
    position = (tcp_pos_b - torch.tensor(ik_abs_env_cfg.POSITION_OFFSET)) / torch.tensor(ik_abs_env_cfg.POSITION_SCALE)
    gripper = torch.full((NUM_ENVS, 1), -1.0 if close else 1.0)
    return torch.cat([position, torch.zeros(NUM_ENVS, 4), gripper], dim=1)  # zero orientation: pointing down


def cube_pos_b(env) -> torch.Tensor:
    robot, cube = env.unwrapped.scene["robot"], env.unwrapped.scene["object"]
    root_pos, root_quat = robot.data.root_pos_w.torch, robot.data.root_quat_w.torch
    return subtract_frame_transforms(root_pos, root_quat, cube.data.root_pos_w.torch)[0]


@pytest.mark.sim
class TestLiftIKAbs:
    """MyTasks-Lift-Cube-Panda-IK-Abs; rewards, success and contacts are those of MyTasks-Lift-Cube-Panda too."""

    @pytest.fixture(scope="class")
    def env(self):
        # a 3 s episode leaves time for the scripted pick and place and ends soon after
        yield from make_env("MyTasks-Lift-Cube-Panda-IK-Abs", "env.episode_length_s=3.0")

    def test_a_cube_at_the_goal_earns_more_than_one_on_the_table(self, env):
        env.reset(seed=3)
        robot, cube = env.unwrapped.scene["robot"], env.unwrapped.scene["object"]
        goal_b = env.unwrapped.command_manager.get_command("object_pose")[:, :3]
        goal_w, _ = combine_frame_transforms(robot.data.root_pos_w.torch, robot.data.root_quat_w.torch, goal_b)
        # envs 0 and 1 get their cube at the goal; envs 2 and 3 keep theirs on the table
        pose = cube.data.root_pose_w.torch.clone()
        pose[:2, :3] = goal_w[:2]
        cube.write_root_pose_to_sim_index(root_pose=pose)
        _, reward, *_ = env.step(ik_abs_action(goal_b, close=False))
        # lifting (15/s) and goal tracking (16/s + 5/s) against reaching (1/s), over one 20 ms step
        assert (reward[:2, None] > reward[None, 2:] + 0.5).all(), f"rewards {reward.tolist()}"

    def test_a_scripted_grasp_holds_the_cube_and_carries_it_to_the_goal(self, env):
        env.reset(seed=4)
        dt = env.unwrapped.step_dt
        cube = cube_pos_b(env).clone()
        goal = env.unwrapped.command_manager.get_command("object_pose")[:, :3].clone()
        above = cube + torch.tensor([0.0, 0.0, 0.1])
        # (seconds, from, to, closed): above the cube, down around it, close, carry to the goal
        phases = [
            (0.5, above, above, False),
            (0.6, above, cube, False),
            (0.3, cube, cube, True),
            (0.8, cube, goal, True),
        ]
        for seconds, start, end, close in phases:
            steps = round(seconds / dt)
            for step in range(steps):  # a straight line, done in the first two thirds of the phase
                env.step(ik_abs_action(start + (end - start) * min(1.0, 1.5 * (step + 1) / steps), close))
        # hold at the goal until the episode ends, tracking where the cube sits in the hand
        in_hand, truncated = [], torch.zeros(NUM_ENVS, dtype=torch.bool)
        while not truncated.any():
            in_hand.append(cube_pos_b(env) - tcp_pose_b(env)[0])
            _, _, terminated, truncated, extras = env.step(ik_abs_action(goal, close=True))
            assert not terminated.any(), "a cube fell off the table"
        in_hand = torch.stack(in_hand)  # [steps, envs, xyz]
        assert (in_hand.norm(dim=-1) < 0.02).all(), f"a cube left the hand, {in_hand.norm(dim=-1).max():.3f} m"
        # the cube lags behind a fast hand and springs back when it stops: the slip is the drift of the last 0.4 s
        slip = (in_hand[-1] - in_hand[-round(0.4 / dt)]).norm(dim=-1)
        assert (slip < 0.003).all(), f"cubes slipped {slip.tolist()} m in the hand in 0.4 s"
        assert truncated.all() and float(extras["log"][SUCCESS]) == 1.0  # all held at the goal at the end


def episode_scalars(run_dir, tag: str) -> list[float]:
    """A TensorBoard scalar of an rsl_rl run, one value per iteration."""
    events = EventAccumulator(str(run_dir))
    events.Reload()
    return [event.value for event in sorted(events.Scalars(tag), key=lambda event: event.step)]


@pytest.mark.train
def test_a_few_rsl_rl_iterations_bring_the_hand_closer_to_a_fixed_pose(tmp_path):
    # A CPU-sized run: one reachable pose 0.15 m from the start (turned as the hand is, so that its
    # orientation error is not the ambiguous half turn), 1 s episodes, a fixed learning rate (the adaptive
    # one collapses on 64-env batches). 12 iterations take about 80 s on 2 cores.
    command = "env.commands.ee_pose.ranges"
    result = run_script(
        "rsl_rl/train.py",
        *("--task", "MyTasks-Reach-Panda", "--device", "cpu", "--num_envs", "64", "--max_iterations", "12"),
        *("--seed", "1", "--experiment_name", "reach", "env.episode_length_s=1.0", "agent.num_steps_per_env=30"),
        *(f"{command}.pos_x=[0.45,0.45]", f"{command}.pos_y=[0.1,0.1]", f"{command}.pos_z=[0.35,0.35]"),
        *(f"{command}.yaw=[-2.356,-2.356]", "agent.algorithm.schedule=fixed"),
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    (run_dir,) = (tmp_path / "logs" / "rsl_rl" / "reach").iterdir()
    position = episode_scalars(run_dir, "Episode_Reward/end_effector_position_tracking")
    orientation = episode_scalars(run_dir, "Episode_Reward/end_effector_orientation_tracking")
    tracking = [p + o for p, o in zip(position, orientation, strict=True)]  # pose error penalties, per episode
    # iteration 0 holds the short first episodes that rsl_rl's random start lengths cut off
    first, last = tracking[1], sum(tracking[-3:]) / 3
    assert last > 0.85 * first, f"the pose tracking penalty went from {first:.3f} to {last:.3f} per episode"
