# Copyright (c) 2026, The my_tasks Project Developers.
# SPDX-License-Identifier: BSD-3-Clause

"""scripts/{skrl,sb3}/{train,play}.py as a user runs them: train, play, export, resume, interrupt, refuse, plot.

The same behaviour is asked of both (and of rsl_rl, see test_rsl_rl_workflow.py): one parametrised suite.
"""

from __future__ import annotations

import json
import pickle
import re
import subprocess
import sys
from pathlib import Path

import onnxruntime
import pytest
import torch
import yaml
from conftest import SCRIPTS, assert_one_line_error, interrupt_training, run_script

from my_tasks.rl.curves import read_curves
from my_tasks.rl.export import load_onnx_metadata
from my_tasks.rl.metadata import METADATA_KEYS

pytestmark = pytest.mark.train

TASK = "MyTasks-Cartpole-Direct"
ITERATIONS = 3
NUM_ENVS = 64
TRAIN_FLAGS = ["--task", TASK, "--device", "cpu", "--num_envs", str(NUM_ENVS), "--seed", "1"]
EXPERIMENT = {"skrl": "cartpole_direct", "sb3": TASK}
ROLLOUT = {"skrl": 16, "sb3": 16}  # steps of every env in one iteration (the agent configs' rollout lengths)


def run_dirs(workdir: Path, library: str) -> list[Path]:
    return sorted((workdir / "logs" / library / EXPERIMENT[library]).iterdir())


def checkpoint_of(run_dir: Path, library: str, iteration: int) -> Path:
    """The checkpoint written at the end of ``iteration`` (skrl names it by timestep, SB3 by iteration)."""
    if library == "skrl":
        return run_dir / "checkpoints" / f"agent_{(iteration + 1) * ROLLOUT['skrl']}.pt"
    return run_dir / f"model_{iteration}.zip"


def progress_iterations(stdout: str) -> list[int]:
    """The iterations of the progress lines ``[my_tasks] it <i>/<last> | ...``."""
    return [int(i) for i in re.findall(r"^\[my_tasks\] it +(\d+)/\d+ \|", stdout, flags=re.MULTILINE)]


def normaliser_count(checkpoint: Path, library: str) -> float:
    """How many observations the checkpoint's observation normaliser has seen."""
    if library == "skrl":
        return float(torch.load(checkpoint, weights_only=False)["observation_preprocessor"]["current_count"])
    vec_normalize = pickle.loads(checkpoint.with_name(f"{checkpoint.stem}_vecnormalize.pkl").read_bytes())
    return float(vec_normalize.obs_rms.count)


@pytest.fixture(scope="module", params=["skrl", "sb3"])
def trained(request, tmp_path_factory) -> tuple[str, Path, subprocess.CompletedProcess]:
    """A working directory holding one short training run of the library in logs/."""
    library = request.param
    workdir = tmp_path_factory.mktemp(library)
    result = run_script(f"{library}/train.py", *TRAIN_FLAGS, "--max_iterations", str(ITERATIONS), cwd=workdir)
    assert result.returncode == 0, result.stderr[-3000:]
    return library, workdir, result


@pytest.fixture(scope="module")
def played(trained) -> tuple[str, Path, subprocess.CompletedProcess]:
    library, workdir, _ = trained
    result = run_script(f"{library}/play.py", "--task", TASK, "--device", "cpu", "--num_episodes", "8", cwd=workdir)
    assert result.returncode == 0, result.stderr[-3000:]
    return library, run_dirs(workdir, library)[0], result


def test_training_writes_the_run_folder_and_the_progress_line(trained):
    library, workdir, result = trained
    (run_dir,) = run_dirs(workdir, library)
    manifest = json.loads((run_dir / "run.json").read_text())
    assert (manifest["task"], manifest["library"]) == (TASK, library)
    assert (run_dir / "params" / "env.yaml").is_file() and (run_dir / "params" / "agent.yaml").is_file()
    assert checkpoint_of(run_dir, library, ITERATIONS - 1).is_file()
    assert not list(run_dir.rglob(".*.tmp")), "a temporary checkpoint was left behind"
    assert progress_iterations(result.stdout) == list(range(ITERATIONS))
    assert re.search(r"env-steps/s \| return +-?\d+\.\d+ \| episode length +\d+\.\d \| .* left", result.stdout)
    assert normaliser_count(checkpoint_of(run_dir, library, ITERATIONS - 1), library) > NUM_ENVS


def test_play_writes_the_evaluation_and_prints_it(played):
    library, run_dir, result = played
    evaluation = json.loads((run_dir / "eval.json").read_text())
    assert (evaluation["task"], evaluation["library"], evaluation["device"]) == (TASK, library, "cpu")
    assert evaluation["num_episodes"] == 8
    assert evaluation["checkpoint"] == str(checkpoint_of(run_dir, library, ITERATIONS - 1))
    assert 0 < evaluation["episode_length_mean"] <= 300 and 0.0 <= evaluation["success_rate"] <= 1.0
    assert "episode length" in result.stdout and f"library         {library}" in result.stdout


def test_play_exports_torchscript_and_onnx_that_agree(played):
    library, run_dir, result = played
    exported = run_dir / "exported"
    info = yaml.safe_load((exported / "policy.yaml").read_text())
    assert tuple(info) == METADATA_KEYS
    assert (info["task"], info["library"], info["obs_dim"], info["act_dim"]) == (TASK, library, 4, 1)
    assert info["joint_names"] == ["slider_to_cart"] and info["action_scale"] == [100.0]
    assert load_onnx_metadata(exported / "policy.onnx") == info
    obs = 3 * torch.randn(32, 4)
    scripted = torch.jit.load(str(exported / "policy.pt"))(obs)
    session = onnxruntime.InferenceSession(str(exported / "policy.onnx"))
    onnx_actions = torch.from_numpy(session.run(["actions"], {"obs": obs.numpy()})[0])
    assert scripted.shape == (32, 1) and torch.allclose(scripted, onnx_actions, atol=1e-5)
    parity = re.search(r"parity with the in-memory policy: \{'torchscript': (\S+), 'onnx': (\S+)\}", result.stdout)
    assert parity and max(float(parity.group(1)), float(parity.group(2))) <= 1e-5


def test_resume_continues_the_count_and_the_normaliser(trained, played):
    library, workdir, _ = trained
    _, first_run, _ = played
    resumed_from = checkpoint_of(first_run, library, ITERATIONS - 1)
    result = run_script(
        f"{library}/train.py", *TRAIN_FLAGS, "--max_iterations", "2", "--resume", "--checkpoint", "latest", cwd=workdir
    )
    assert result.returncode == 0, result.stderr[-3000:]
    resumed_run = run_dirs(workdir, library)[-1]
    assert resumed_run != first_run
    assert json.loads((resumed_run / "run.json").read_text())["metadata"]["resumed_from"] == str(resumed_from)
    assert progress_iterations(result.stdout) == [ITERATIONS, ITERATIONS + 1]
    last = checkpoint_of(resumed_run, library, ITERATIONS + 1)
    assert last.is_file()
    # the normaliser went on from the saved statistics: it has seen both runs' observations
    assert normaliser_count(last, library) > normaliser_count(resumed_from, library) + NUM_ENVS
    # and the TensorBoard curve continues: env steps count on from the first run
    assert read_curves(resumed_run).env_steps[0] > read_curves(first_run).env_steps[-1]


def test_ctrl_c_saves_a_checkpoint_and_exits_130(trained, tmp_path):
    library, _, _ = trained
    returncode, stderr = interrupt_training(
        f"{library}/train.py", *TRAIN_FLAGS, "--max_iterations", "1000", cwd=tmp_path, after_iteration=1
    )
    assert returncode == 130, stderr[-3000:]
    saved = re.search(r"interrupted: saved checkpoint (\S+)", stderr)
    assert saved, stderr[-3000:]
    checkpoint = Path(saved.group(1))
    if library == "skrl":
        content = torch.load(checkpoint, weights_only=False)
        assert {"policy", "optimizer", "observation_preprocessor"} <= set(content) and content["timestep"] >= 32
    else:
        from stable_baselines3.common.save_util import load_from_zip_file

        data, params, _ = load_from_zip_file(checkpoint)
        assert {"policy", "policy.optimizer"} <= set(params) and data["num_timesteps"] >= 2 * 16 * NUM_ENVS
        assert normaliser_count(checkpoint, library) > NUM_ENVS


def test_a_checkpoint_of_another_library_or_task_is_refused(trained):
    library, workdir, _ = trained
    checkpoint = checkpoint_of(run_dirs(workdir, library)[0], library, ITERATIONS - 1)
    other = "sb3" if library == "skrl" else "skrl"
    result = run_script(f"{other}/play.py", "--task", TASK, "--checkpoint", str(checkpoint), cwd=workdir)
    assert_one_line_error(result, 1, f"written by {library}, not {other}", f"scripts/{library}/play.py")
    result = run_script(
        f"{library}/play.py", "--task", "MyTasks-Cartpole", "--checkpoint", str(checkpoint), cwd=workdir
    )
    assert_one_line_error(result, 1, f"trained on {TASK}, not MyTasks-Cartpole")


def test_plot_runs_draws_the_curves_of_real_runs(trained, tmp_path):
    library, workdir, _ = trained
    (run_dir,) = run_dirs(workdir, library)[:1]
    curves = read_curves(run_dir)
    expected_steps = [(i + 1) * ROLLOUT[library] * NUM_ENVS for i in range(ITERATIONS)]
    # an iteration in which no episode ended yet logs no mean episode length
    assert curves.library == library and len(curves.lengths) >= ITERATIONS - 1
    assert set(curves.env_steps) <= set(expected_steps) and curves.env_steps[-1] == expected_steps[-1]
    assert all(b > a for a, b in zip(curves.seconds, curves.seconds[1:], strict=False))
    output = tmp_path / "curves.png"
    result = subprocess.run(
        [sys.executable, str(SCRIPTS / "tools/plot_runs.py"), str(run_dir), "-o", str(output)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert output.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and output.stat().st_size > 20_000
