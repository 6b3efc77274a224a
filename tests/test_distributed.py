# Copyright (c) 2026, The my_tasks Project Developers.
# SPDX-License-Identifier: BSD-3-Clause

"""``--distributed`` training: the checks of the command line, and two ranks training one policy.

The test machines have no GPU, so the two-rank runs go through ``tests/gloo_rank.py``: torchrun starts
the real train script as two ranks on the CPU, with gloo in place of NCCL (rsl_rl, skrl and Isaac Lab
ask for NCCL and ``cuda:<LOCAL_RANK>``). Everything else is the real thing.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest
import torch
import torch.distributed
import torch.multiprocessing

import my_tasks  # noqa: F401
from my_tasks.rl import cli, distributed
from my_tasks.rl.curves import read_curves
from my_tasks.rl.errors import EXIT_FAILURE, EXIT_USAGE, UserError

REPO_ROOT = Path(__file__).resolve().parents[1]
TASK = "MyTasks-Cartpole-Direct"
TORCHRUN_ENV = {"RANK": "3", "LOCAL_RANK": "1", "WORLD_SIZE": "4", "LOCAL_WORLD_SIZE": "2"}
PROGRESS = re.compile(r"^\[my_tasks\] it +(\d+)/(\d+) \| ([\d,]+) env-steps/s", re.MULTILINE)


@pytest.fixture
def outside_torchrun(monkeypatch):
    for name in distributed.TORCHRUN_VARIABLES:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def in_torchrun(monkeypatch):
    """This process as rank 3 of 4, local rank 1 of 2 on its node."""
    for name, value in TORCHRUN_ENV.items():
        monkeypatch.setenv(name, value)


def gpus(monkeypatch, count: int) -> None:
    monkeypatch.setattr(torch.cuda, "is_available", lambda: count > 0)
    monkeypatch.setattr(torch.cuda, "device_count", lambda: count)


def refused(library: str, *flags: str) -> UserError:
    with pytest.raises(UserError) as error:
        cli.parse_args("train", library, ["--task", TASK, *flags])
    assert "\n" not in str(error.value)
    return error.value


# --- the command line ------------------------------------------------------------------------------


@pytest.mark.unit
def test_each_rank_trains_on_its_local_gpu_with_its_own_seed(in_torchrun, monkeypatch):
    gpus(monkeypatch, 2)
    for library in distributed.LIBRARIES:
        args = cli.parse_args("train", library, ["--task", TASK, "--distributed"])
        assert args.device == "cuda:1"
        assert (args.ranks.rank, args.ranks.world_size, args.ranks.is_main) == (3, 4, False)
        assert distributed.rank_seed(42, args.ranks) == 45
    args = cli.parse_args("train", "rsl_rl", ["--task", TASK, "--distributed", "--device", "cuda"])
    assert args.device == "cuda:1"


@pytest.mark.unit
def test_a_run_without_distributed_is_the_main_rank(outside_torchrun):
    args = cli.parse_args("train", "rsl_rl", ["--task", TASK, "--device", "cpu", "--seed", "7"])
    assert (args.ranks.enabled, args.ranks.is_main, args.ranks.world_size) == (False, True, 1)
    assert (args.device, distributed.rank_seed(7, args.ranks)) == ("cpu", 7)


@pytest.mark.unit
def test_distributed_outside_torchrun_says_how_to_launch(outside_torchrun, monkeypatch):
    gpus(monkeypatch, 2)
    error = refused("rsl_rl", "--distributed")
    assert error.exit_code == EXIT_USAGE
    assert "python -m torch.distributed.run --nproc_per_node=<GPUs> scripts/rsl_rl/train.py" in str(error)


@pytest.mark.unit
def test_torchrun_without_distributed_is_refused(in_torchrun, monkeypatch):
    gpus(monkeypatch, 2)
    error = refused("skrl")
    assert error.exit_code == EXIT_USAGE
    assert "torchrun started 4 processes but --distributed is missing" in str(error)


@pytest.mark.unit
@pytest.mark.parametrize("torchrun", [False, True])
def test_sb3_says_it_has_no_multi_gpu_training(torchrun, monkeypatch):
    for name, value in TORCHRUN_ENV.items():
        if torchrun:
            monkeypatch.setenv(name, value)
        else:
            monkeypatch.delenv(name, raising=False)
    error = refused("sb3", *([] if torchrun else ["--distributed"]))
    assert error.exit_code == EXIT_USAGE
    assert str(error).startswith("sb3 has no multi-GPU training")


@pytest.mark.unit
def test_a_machine_without_gpu_is_refused(in_torchrun, monkeypatch):
    gpus(monkeypatch, 0)
    error = refused("rsl_rl", "--distributed")
    assert error.exit_code == EXIT_FAILURE
    assert "--distributed trains on CUDA GPUs" in str(error)


@pytest.mark.unit
def test_more_ranks_than_gpus_is_refused(in_torchrun, monkeypatch):
    gpus(monkeypatch, 1)
    error = refused("skrl", "--distributed")
    assert "torchrun started 2 processes on this node but it has 1 GPU(s)" in str(error)
    assert "--nproc_per_node=1" in str(error)


@pytest.mark.unit
@pytest.mark.parametrize("device", ["cpu", "cuda:0"])
def test_a_device_other_than_each_ranks_gpu_is_refused(device, in_torchrun, monkeypatch):
    gpus(monkeypatch, 2)
    error = refused("rsl_rl", "--distributed", "--device", device)
    assert error.exit_code == EXIT_USAGE
    assert str(error).startswith(f"--device {device}:")


@pytest.mark.unit
def test_inconsistent_ranks_are_refused(monkeypatch):
    gpus(monkeypatch, 2)
    for name, value in {**TORCHRUN_ENV, "RANK": "4"}.items():
        monkeypatch.setenv(name, value)
    assert "torchrun's ranks do not add up" in str(refused("rsl_rl", "--distributed"))


@pytest.mark.unit
def test_play_has_no_distributed_flag():
    with pytest.raises(UserError, match="--distributed"):
        cli.parse_args("play", "rsl_rl", ["--task", TASK, "--distributed"])


# --- what the ranks agree on (two processes, gloo) -------------------------------------------------


def _two_ranks(rank: int, port: int, results: Path) -> None:
    """Rank ``rank`` of a gloo group: pick a checkpoint, then get Ctrl-C (rank 1 only) during the second iteration."""
    torch.distributed.init_process_group("gloo", init_method=f"tcp://127.0.0.1:{port}", rank=rank, world_size=2)
    ranks = distributed.DistributedContext(enabled=True, rank=rank, local_rank=rank, world_size=2, local_world_size=2)
    checkpoint = distributed.rank_zero_choice(Path(f"logs/run_of_rank_{rank}/model_9.pt"))
    stopped_after = None
    with distributed.stop_together(ranks):
        for iteration in range(5):
            if rank == 1 and iteration == 1:
                os.kill(os.getpid(), signal.SIGINT)  # recorded, not raised: rank 0 is in the same iteration
            try:
                distributed.stop_if_requested("cpu")
            except KeyboardInterrupt:
                stopped_after = iteration
                break
    (results / f"rank_{rank}.json").write_text(json.dumps({"checkpoint": str(checkpoint), "stopped": stopped_after}))
    torch.distributed.destroy_process_group()


@pytest.mark.unit
def test_ranks_resume_rank_zeros_checkpoint_and_stop_after_the_same_iteration(tmp_path):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    # forked, the ranks start at once with what this process has imported already
    torch.multiprocessing.start_processes(_two_ranks, args=(port, tmp_path), nprocs=2, start_method="fork")
    results = [json.loads((tmp_path / f"rank_{rank}.json").read_text()) for rank in (0, 1)]
    assert results == [{"checkpoint": "logs/run_of_rank_0/model_9.pt", "stopped": 1}] * 2


# --- two ranks on the CPU through torchrun ---------------------------------------------------------


def torchrun(*args: str, cwd: Path, wrapper: bool = True) -> subprocess.Popen:
    """Start ``python -m torch.distributed.run`` with two ranks of ``args`` (through tests/gloo_rank.py)."""
    command = [sys.executable, "-m", "torch.distributed.run", "--standalone", "--nproc_per_node=2"]
    command += [str(REPO_ROOT / "tests" / "gloo_rank.py")] if wrapper else []
    return subprocess.Popen(
        [*command, *args],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )


def only_run_dir(workdir: Path, library: str) -> Path:
    (run_dir,) = (workdir / "logs" / library / "cartpole_direct").iterdir()
    return run_dir


@pytest.mark.train
def test_two_rsl_rl_ranks_write_one_run_folder_and_one_progress_stream(tmp_path):
    process = torchrun(
        *(str(REPO_ROOT / "scripts" / "rsl_rl" / "train.py"), "--task", TASK, "--distributed"),
        *("--num_envs", "8", "--max_iterations", "2", "--seed", "5"),
        cwd=tmp_path,
    )
    output, _ = process.communicate(timeout=600)
    assert process.returncode == 0, output[-3000:]
    assert output.count("Synchronizing parameters for rank") == 2  # both ranks are in rsl_rl's process group
    run_dir = only_run_dir(tmp_path, "rsl_rl")
    assert sorted(path.name for path in run_dir.rglob("*.pt")) == ["model_0.pt", "model_1.pt"]
    assert len(list(run_dir.glob("events.out.tfevents.*"))) == 1
    assert json.loads((run_dir / "run.json").read_text())["metadata"] == {"world_size": 2}
    assert "seed: 5\n" in (run_dir / "params" / "agent.yaml").read_text()  # rank 0's
    progress = PROGRESS.findall(output)
    assert [(it, last) for it, last, _ in progress] == [("0", "1"), ("1", "1")]
    assert output.count("[my_tasks] run dir:") == 1
    assert read_curves(run_dir).env_steps[-1] == 2 * 16 * 8 * 2  # what time_to_solve.py counts: both ranks' envs
    # the progress line counts the env steps of both ranks, as rsl_rl's own "Steps per second" does
    ours = sum(int(rate.replace(",", "")) for *_, rate in progress)
    rsl_rl = sum(int(rate) for rate in re.findall(r"Steps per second: (\d+)", output))
    assert 0.7 < ours / rsl_rl < 1.4, f"progress {ours} env-steps/s, rsl_rl {rsl_rl}"


@pytest.mark.train
def test_ctrl_c_stops_both_skrl_ranks_after_the_same_iteration_and_rank_zero_saves(tmp_path):
    process = torchrun(
        *(str(REPO_ROOT / "scripts" / "skrl" / "train.py"), "--task", TASK, "--distributed"),
        *("--num_envs", "8", "--max_iterations", "200", "--seed", "42"),
        cwd=tmp_path,
    )
    lines = []
    for line in process.stdout:
        lines.append(line)
        if line.startswith("[my_tasks] it   1/"):
            break
    process.send_signal(signal.SIGINT)  # as Ctrl-C in the terminal: torchrun passes it on to both ranks
    output = "".join(lines) + process.communicate(timeout=300)[0]
    assert output.count("interrupted: saved checkpoint") == 1, output[-3000:]
    # both ranks left training through KeyboardInterrupt (run_main prints the line), neither hung in an all-reduce
    assert len(re.findall(r"^interrupted$", output, re.MULTILINE)) == 2, output[-3000:]
    assert "[skrl:INFO] Seed: 42" in output and "[skrl:INFO] Seed: 43" in output
    run_dir = only_run_dir(tmp_path, "skrl")
    iterations = [int(it) for it, _, _ in PROGRESS.findall(output)]
    assert iterations == list(range(len(iterations)))  # one progress stream
    checkpoints = [path.name for path in (run_dir / "checkpoints").iterdir()]
    assert checkpoints == [f"agent_{len(iterations) * 16}.pt"]  # saved after the last iteration shown, 16 rollouts
    assert len(list(run_dir.glob("events.out.tfevents.*"))) == 1


@pytest.mark.unit
def test_torchrun_on_a_machine_without_gpu_gets_one_line_not_skrls_nccl_error(tmp_path):
    if torch.cuda.is_available():
        pytest.skip("checks the answer on a machine without a GPU")
    process = torchrun(
        str(REPO_ROOT / "scripts" / "skrl" / "train.py"), "--task", TASK, "--distributed", cwd=tmp_path, wrapper=False
    )
    output, _ = process.communicate(timeout=300)
    assert process.returncode != 0
    errors = re.findall(r"^error: .*$", output, re.MULTILINE)
    assert errors == ["error: --distributed trains on CUDA GPUs (NCCL), and torch finds none on this machine"] * 2
    assert "ProcessGroupNCCL" not in output  # skrl was not imported before the check
    assert not (tmp_path / "logs").exists()
