# Copyright (c) 2026, The my_tasks Project Developers.
# SPDX-License-Identifier: BSD-3-Clause

"""The shared plumbing of the scripts, without simulation: command line, overrides, evaluation."""

from __future__ import annotations

import functools
import json

import pytest
import torch

import my_tasks  # noqa: F401
from my_tasks.rl import checkpoints, cli, evaluate, tasks
from my_tasks.rl.errors import EXIT_USAGE, UserError

pytestmark = pytest.mark.unit


def test_flags_and_overrides_are_parsed():
    args = cli.parse_args(
        "train",
        "rsl_rl",
        [
            "--task",
            "MyTasks-Cartpole",
            "--num_envs",
            "8",
            "--device",
            "cpu",
            "env.sim.dt=0.01",
            "physics=newton_mjwarp",
        ],
    )
    assert (args.task, args.num_envs, args.device) == ("MyTasks-Cartpole", 8, "cpu")
    assert args.overrides == ["env.sim.dt=0.01", "physics=newton_mjwarp"]


def test_play_has_its_own_flags():
    args = cli.parse_args("play", "rsl_rl", ["--task", "MyTasks-Cartpole", "--num_episodes", "4", "--no_export"])
    assert (args.num_episodes, args.no_export) == (4, True)
    with pytest.raises(UserError):
        cli.parse_args("play", "rsl_rl", ["--task", "MyTasks-Cartpole", "--max_iterations", "4"])


@pytest.mark.parametrize(
    "argv",
    [
        ["--task", "MyTasks-Cartpole", "--num_envs", "0"],
        ["--task", "MyTasks-Cartpole", "--num_envs", "-3"],
        ["--task", "MyTasks-Cartpole", "--max_iterations", "many"],
        ["--task", "MyTasks-Cartpole", "--no-such-flag"],
        ["--task", "MyTasks-Cartpole", "sim.dt=0.01"],  # an override must start with env. or agent.
        ["--task", "MyTasks-Cartpole", "--device", "gpu"],
        ["--num_envs", "4"],  # no --task
    ],
)
def test_a_bad_command_line_is_a_usage_error(argv):
    with pytest.raises(UserError) as error:
        cli.parse_args("train", "rsl_rl", argv)
    assert error.value.exit_code == EXIT_USAGE
    assert "\n" not in str(error.value)


def test_seed_minus_one_draws_a_seed():
    args = cli.parse_args("train", "rsl_rl", ["--task", "MyTasks-Cartpole", "--seed", "-1"])
    assert args.seed >= 0


@pytest.mark.skipif(torch.cuda.is_available(), reason="checks the answer on a machine without a GPU")
def test_cuda_without_a_gpu_is_refused():
    with pytest.raises(UserError, match="no CUDA GPU"):
        cli.resolve_device("cuda:0")
    assert cli.resolve_device(None) == "cpu"


def test_unknown_task_names_the_known_ones_and_the_closest():
    with pytest.raises(UserError) as error:
        tasks.check_task("MyTasks-Cartpol-Direct")
    message = str(error.value)
    assert error.value.exit_code == EXIT_USAGE
    assert "Did you mean MyTasks-Cartpole-Direct" in message
    assert "Known tasks: MyTasks-Cartpole, MyTasks-Cartpole-Direct" in message


@pytest.mark.parametrize(
    ("override", "expected"),
    [
        ("env.max_cart_pose=2.0", "env has no field 'max_cart_pose'; did you mean env.max_cart_pos"),
        ("env.sim.dtt=0.01", "env.sim has no field 'dtt'"),
        ("agent.algorithm.lr=0.1", "agent.algorithm has no field 'lr'"),
    ],
)
def test_unknown_override_keys_are_refused(override, expected):
    with pytest.raises(UserError, match=expected) as error:
        tasks.resolve_configs("MyTasks-Cartpole-Direct", "rsl_rl", [override])
    assert error.value.exit_code == EXIT_USAGE


def test_override_keys_into_yaml_agent_configs_are_checked():
    _, agent_cfg = tasks.resolve_configs("MyTasks-Cartpole", "skrl", ["agent.agent.learning_rate=0.001"])
    assert agent_cfg["agent"]["learning_rate"] == 0.001
    with pytest.raises(UserError, match="agent.agent has no field 'learning_rat'"):
        tasks.resolve_configs("MyTasks-Cartpole", "skrl", ["agent.agent.learning_rat=0.001"])


def test_unknown_preset_is_a_one_line_usage_error():
    with pytest.raises(UserError) as error:
        tasks.resolve_configs("MyTasks-Cartpole", "rsl_rl", ["physics=bullet"])
    assert error.value.exit_code == EXIT_USAGE and "\n" not in str(error.value)


class ScriptedEpisodes:
    """A fake vectorised env: env ``i`` runs episodes of ``lengths[i]`` steps earning 1 per step.

    Env 0 succeeds (its episodes last to the time limit), the others fail.
    """

    def __init__(self, lengths: list[int]):
        self.lengths = torch.tensor(lengths)
        self.t = torch.zeros(len(lengths), dtype=torch.long)

    def step(self):
        self.t += 1
        dones = self.t >= self.lengths
        self.t[dones] = 0
        extras = {}
        if dones.any():
            extras["log"] = {evaluate.SUCCESS_METRIC: torch.tensor(float(dones[0]) / float(dones.sum()))}
        return torch.ones(len(self.lengths)), dones, extras


def test_evaluation_takes_an_equal_share_of_episodes_from_every_env():
    # the short episodes of env 1 end first; counting the first 6 episodes to end would take 5 of them
    fake = ScriptedEpisodes([10, 2, 10])
    result = evaluate.evaluate_policy(fake.step, num_envs=3, num_episodes=6, max_episode_length=10)
    assert result["num_episodes"] == 6
    assert result["episode_length_mean"] == pytest.approx((10 + 10 + 2 + 2 + 10 + 10) / 6)
    assert result["return_mean"] == pytest.approx(result["episode_length_mean"])
    assert result["return_std"] == pytest.approx(torch.tensor([10.0, 10, 2, 2, 10, 10]).std(unbiased=False).item())


def test_evaluation_weights_the_success_metric_by_episodes():
    fake = ScriptedEpisodes([4, 4])  # both end together; env 0 succeeds, env 1 fails
    result = evaluate.evaluate_policy(fake.step, num_envs=2, num_episodes=4, max_episode_length=4)
    assert result["success_rate"] == pytest.approx(0.5)


def test_evaluation_without_a_success_metric_reports_none():
    def step():
        return torch.zeros(2), torch.ones(2, dtype=torch.bool), {}

    result = evaluate.evaluate_policy(step, num_envs=2, num_episodes=3, max_episode_length=1)
    assert result["success_rate"] is None and result["num_episodes"] == 3


def fake_run(root, name: str, task: str, iterations: list[int], library: str = "rsl_rl"):
    """A run folder as training leaves it: run.json and (empty) model_<i>.pt checkpoints."""
    run_dir = root / "logs" / library / "cartpole_direct" / name
    run_dir.mkdir(parents=True)
    (run_dir / "run.json").write_text(json.dumps({"library": library, "task": task}))
    for iteration in iterations:
        (run_dir / f"model_{iteration}.pt").write_bytes(b"")
    return run_dir


def test_latest_is_the_last_checkpoint_of_the_newest_run_of_the_task(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    old = fake_run(tmp_path, "2026-01-01_10-00-00_baseline", "MyTasks-Cartpole-Direct", [0, 50, 149])
    new = fake_run(tmp_path, "2026-01-02_10-00-00", "MyTasks-Cartpole-Direct", [0, 9, 10])
    fake_run(tmp_path, "2026-01-03_10-00-00", "MyTasks-Cartpole", [5])  # another task: never picked
    fake_run(tmp_path, "2026-01-04_10-00-00", "MyTasks-Cartpole-Direct", [])  # no checkpoint yet
    find = functools.partial(
        checkpoints.resolve_checkpoint, library="rsl_rl", task="MyTasks-Cartpole-Direct", experiment="cartpole_direct"
    )
    assert find("latest") == new / "model_10.pt"  # by number, not by name: 10 after 9
    assert find(None, run_name="baseline") == old / "model_149.pt"
    assert find(str(old)) == old / "model_149.pt"  # a run folder means its last checkpoint
    with pytest.raises(UserError, match="no rsl_rl checkpoint of MyTasks-Cartpole-Direct in a run named nope"):
        find("latest", run_name="nope")
