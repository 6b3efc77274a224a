# Copyright (c) 2026, The my_tasks Project Developers.
# SPDX-License-Identifier: BSD-3-Clause

"""scripts/rsl_rl/{train,play}.py as a user runs them: train, resume, interrupt, play, export, bad input."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import imageio.v2 as imageio
import onnxruntime
import pytest
import torch
import yaml
from conftest import assert_one_line_error, interrupt_training, run_script
from tensorboard.backend.event_processing.event_accumulator import EventAccumulator

from my_tasks.rl.export import load_onnx_metadata
from my_tasks.rl.metadata import METADATA_KEYS

TASK = "MyTasks-Cartpole-Direct"
ITERATIONS = 30
TRAIN_FLAGS = ["--task", TASK, "--device", "cpu", "--num_envs", "64", "--seed", "1"]
EVAL_KEYS = {
    "task",
    "library",
    "checkpoint",
    "num_episodes",
    "seed",
    "device",
    "return_mean",
    "return_std",
    "episode_length_mean",
    "success_rate",
}


def scalars(run_dir: Path, tag: str) -> dict[int, float]:
    """A TensorBoard scalar of a run: {iteration: value}."""
    events = EventAccumulator(str(run_dir))
    events.Reload()
    return {event.step: event.value for event in events.Scalars(tag)}


def run_dirs(workdir: Path) -> list[Path]:
    return sorted((workdir / "logs" / "rsl_rl" / "cartpole_direct").iterdir())


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    """A working directory holding one short training run in logs/."""
    workdir = tmp_path_factory.mktemp("rsl_rl")
    result = run_script("rsl_rl/train.py", *TRAIN_FLAGS, "--max_iterations", str(ITERATIONS), cwd=workdir)
    assert result.returncode == 0, result.stderr[-3000:]
    return workdir


@pytest.fixture(scope="module")
def played(workdir) -> tuple[Path, subprocess.CompletedProcess]:
    result = run_script("rsl_rl/play.py", "--task", TASK, "--device", "cpu", "--num_episodes", "8", cwd=workdir)
    assert result.returncode == 0, result.stderr[-3000:]
    return run_dirs(workdir)[0], result


@pytest.mark.train
def test_training_improves_the_episode_length(workdir):
    lengths = scalars(run_dirs(workdir)[0], "Train/mean_episode_length")
    first, last = lengths[min(lengths)], lengths[max(lengths)]
    assert max(lengths) == ITERATIONS - 1
    assert last > 2 * first, f"mean episode length went from {first:.1f} to {last:.1f} in {ITERATIONS} iterations"


@pytest.mark.train
def test_the_run_folder_holds_configs_manifest_checkpoints_and_events(workdir):
    (run_dir,) = run_dirs(workdir)
    assert (run_dir / "params" / "env.yaml").is_file() and (run_dir / "params" / "agent.yaml").is_file()
    manifest = json.loads((run_dir / "run.json").read_text())
    assert (manifest["task"], manifest["library"]) == (TASK, "rsl_rl")
    assert (run_dir / f"model_{ITERATIONS - 1}.pt").is_file()
    assert list(run_dir.glob("events.out.tfevents.*"))
    assert not list(run_dir.glob(".*.tmp")), "a temporary checkpoint was left behind"


@pytest.mark.train
def test_play_writes_the_evaluation(played):
    run_dir, result = played
    evaluation = json.loads((run_dir / "eval.json").read_text())
    assert set(evaluation) >= EVAL_KEYS
    assert (evaluation["task"], evaluation["library"], evaluation["device"]) == (TASK, "rsl_rl", "cpu")
    assert evaluation["num_episodes"] == 8
    assert evaluation["checkpoint"] == str(run_dir / f"model_{ITERATIONS - 1}.pt")
    assert 0 < evaluation["episode_length_mean"] <= 300
    assert 0.0 <= evaluation["success_rate"] <= 1.0
    assert "episode length" in result.stdout  # the summary table


@pytest.mark.train
def test_play_exports_torchscript_and_onnx_that_agree(played):
    run_dir, result = played
    exported = run_dir / "exported"
    info = yaml.safe_load((exported / "policy.yaml").read_text())
    assert tuple(info) == METADATA_KEYS
    assert (info["task"], info["library"], info["obs_dim"], info["act_dim"]) == (TASK, "rsl_rl", 4, 1)
    assert load_onnx_metadata(exported / "policy.onnx") == info
    obs = torch.randn(16, 4)
    scripted = torch.jit.load(str(exported / "policy.pt"))(obs)
    onnx_actions = onnxruntime.InferenceSession(str(exported / "policy.onnx")).run(["actions"], {"obs": obs.numpy()})
    assert torch.allclose(scripted, torch.from_numpy(onnx_actions[0]), atol=1e-5)
    assert "parity with the in-memory policy" in result.stdout


@pytest.mark.train
def test_play_records_a_video_kit_less(workdir):
    """Without Isaac Sim the recorder takes frames from Newton's OpenGL viewer, rendered off-screen (EGL)."""
    result = run_script(
        "rsl_rl/play.py",
        *("--task", TASK, "--device", "cpu", "--num_envs", "4", "--num_episodes", "4", "--no_export"),
        *("--video", "--video_length", "30"),
        cwd=workdir,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    (clip,) = (run_dirs(workdir)[0] / "videos" / "play").glob("*.mp4")
    reader = imageio.get_reader(str(clip))
    assert reader.count_frames() == 30
    assert reader.get_data(0).std() > 0  # something is drawn on the frames


@pytest.mark.train
def test_resume_continues_the_iteration_count_in_a_new_run(workdir, played):
    first_run, _ = played
    result = run_script(
        "rsl_rl/train.py", *TRAIN_FLAGS, "--max_iterations", "2", "--resume", "--checkpoint", "latest", cwd=workdir
    )
    assert result.returncode == 0, result.stderr[-3000:]
    resumed_run = run_dirs(workdir)[-1]
    assert resumed_run != first_run
    manifest = json.loads((resumed_run / "run.json").read_text())
    assert manifest["metadata"]["resumed_from"] == str(first_run / f"model_{ITERATIONS - 1}.pt")
    assert sorted(scalars(resumed_run, "Perf/total_fps")) == [ITERATIONS, ITERATIONS + 1]
    progress = re.findall(r"^\[my_tasks\] it +(\d+)/(\d+) \|", result.stdout, flags=re.MULTILINE)
    assert progress == [(str(ITERATIONS), str(ITERATIONS + 1)), (str(ITERATIONS + 1), str(ITERATIONS + 1))]
    assert (resumed_run / f"model_{ITERATIONS + 1}.pt").is_file()


@pytest.mark.train
def test_ctrl_c_saves_a_checkpoint_and_exits_130(tmp_path):
    returncode, stderr = interrupt_training(
        "rsl_rl/train.py", *TRAIN_FLAGS, "--max_iterations", "1000", cwd=tmp_path, after_iteration=3
    )
    assert returncode == 130, stderr[-3000:]
    assert "interrupted: saved checkpoint" in stderr
    checkpoints = sorted(tmp_path.glob("logs/rsl_rl/cartpole_direct/*/model_*.pt"))
    interrupted = max(checkpoints, key=lambda path: int(path.stem.split("_")[1]))
    content = torch.load(interrupted, weights_only=False)
    assert content["iter"] >= 2 and "actor_state_dict" in content and "optimizer_state_dict" in content


@pytest.mark.unit
def test_unknown_task_exits_2_with_suggestions(tmp_path):
    result = run_script("rsl_rl/train.py", "--task", "MyTasks-Cartpole-Direkt", cwd=tmp_path)
    assert_one_line_error(result, 2, "unknown task", "Did you mean MyTasks-Cartpole-Direct", "Known tasks:")


@pytest.mark.unit
def test_play_without_any_run_says_how_to_get_one(tmp_path):
    result = run_script("rsl_rl/play.py", "--task", TASK, "--device", "cpu", cwd=tmp_path)
    assert_one_line_error(result, 1, "no rsl_rl checkpoint of MyTasks-Cartpole-Direct", "train.py")


@pytest.mark.unit
def test_a_missing_checkpoint_file_is_named(tmp_path):
    result = run_script("rsl_rl/play.py", "--task", TASK, "--checkpoint", "nowhere/model_9.pt", cwd=tmp_path)
    assert_one_line_error(result, 1, "--checkpoint nowhere/model_9.pt: no such file")


@pytest.mark.unit
def test_a_checkpoint_of_another_library_is_refused(tmp_path):
    torch.save({"policy": {}, "value": {}, "optimizer": {}}, tmp_path / "agent_100.pt")  # skrl's layout
    result = run_script("rsl_rl/play.py", "--task", TASK, "--checkpoint", "agent_100.pt", cwd=tmp_path)
    assert_one_line_error(result, 1, "written by skrl, not rsl_rl")


@pytest.mark.train
def test_a_checkpoint_of_another_task_is_refused(workdir):
    checkpoint = run_dirs(workdir)[0] / f"model_{ITERATIONS - 1}.pt"
    result = run_script("rsl_rl/play.py", "--task", "MyTasks-Cartpole", "--checkpoint", str(checkpoint), cwd=workdir)
    assert_one_line_error(result, 1, f"trained on {TASK}, not MyTasks-Cartpole")


@pytest.mark.unit
def test_bad_flags_and_overrides_exit_2_before_anything_runs(tmp_path):
    result = run_script("rsl_rl/train.py", "--task", TASK, "--num_envs", "0", cwd=tmp_path)
    assert_one_line_error(result, 2, "--num_envs", "positive integer")
    result = run_script("rsl_rl/train.py", "--task", TASK, "env.max_cart_pose=2", cwd=tmp_path)
    assert_one_line_error(result, 2, "unknown override key 'env.max_cart_pose'", "env.max_cart_pos")
    assert not (tmp_path / "logs").exists()


@pytest.mark.gpu
def test_training_on_cuda(tmp_path):
    result = run_script(
        "rsl_rl/train.py",
        "--task",
        TASK,
        "--device",
        "cuda:0",
        "--num_envs",
        "1024",
        "--max_iterations",
        "5",
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert list(tmp_path.glob("logs/rsl_rl/cartpole_direct/*/model_4.pt"))
