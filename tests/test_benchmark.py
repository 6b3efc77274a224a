# Copyright (c) 2026, The my_tasks Project Developers.
# SPDX-License-Identifier: BSD-3-Clause

"""scripts/benchmark.py: one real run on the CPU at tiny sizes, and the reading of its children's output.

The run benchmarks MyTasks-Cartpole-Direct beside Isaac Lab's Isaac-Cartpole-Direct and trains it with SB3
on its device rollout (forced on the CPU), so SB3's device path runs through the real script here too.
Figures are checked for being there and positive, never for their size.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SCRIPTS

from my_tasks.rl.benchmark import measurements, report

TASK, TWIN = "MyTasks-Cartpole-Direct", "Isaac-Cartpole-Direct"
PROGRESS = "".join(
    f"[my_tasks] it {it}/3 | {speed} env-steps/s | return {ret:>8} | episode length {length:>6} | "
    f"0:0{it + 1} elapsed, 0:0{3 - it} left | collect {collect} s, update {update} s\n"
    for it, speed, ret, length, collect, update in [
        (0, "1,000", "nan", "nan", "0.90", "0.40"),
        (1, "4,000", "0.500", "20.0", "0.20", "0.10"),
        (2, "5,000", "0.700", "30.0", "0.10", "0.10"),
        (3, "6,000", "0.900", "40.0", "0.10", "0.05"),
    ]
)


@pytest.fixture(scope="module")
def benchmark(tmp_path_factory) -> tuple[subprocess.CompletedProcess, dict]:
    output = tmp_path_factory.mktemp("benchmark")
    command = [sys.executable, str(SCRIPTS / "benchmark.py"), "--tasks", TASK, "--device", "cpu", "--num_envs", "8"]
    command += [
        "--steps",
        "20",
        "--warmup_steps",
        "2",
        "--iterations",
        "2",
        "--libraries",
        "sb3",
        "--output",
        str(output),
    ]
    result = subprocess.run(
        command,
        cwd=output,
        env={**os.environ, "PYTHONUNBUFFERED": "1", "MY_TASKS_SB3_ROLLOUT": "device"},
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result, json.loads((output / "benchmark.json").read_text())


@pytest.mark.train
def test_the_json_holds_the_machine_the_versions_and_every_figure(benchmark):
    _, results = benchmark
    assert results["schema"] == report.SCHEMA
    assert {"cpu", "cpu_count", "memory_gib", "gpu", "python"} <= set(results["machine"])
    assert all(results["versions"][package] for package in ("isaaclab", "newton", "warp-lang", "torch", "skrl"))
    assert set(results["git"]) == {"commit", "dirty"}
    assert results["settings"]["device"] == "cpu" and results["settings"]["tasks"] == [TASK]
    by_task = {(r["task"], r["kind"]): r for r in results["results"]}
    assert set(by_task) == {(TASK, "step"), (TWIN, "step"), (TASK, "train")}
    assert all(r["ok"] and r["env_steps_per_s"] > 0 and Path(r["log"]).is_file() for r in results["results"])
    for task in (TASK, TWIN):
        step = by_task[(task, "step")]
        assert step["num_envs"] == 8 and step["steps"] == 20
        assert step["startup_s"] > step["create_s"] > 0 and step["first_steps_s"] > 0
    train = by_task[(TASK, "train")]
    assert train["label"] == "sb3" and train["sb3_rollout"] == "device" and train["iterations"] == 2
    assert train["collection_s"] > 0 and train["update_s"] > 0
    assert (Path(train["run_dir"]) / "model_1.zip").is_file()


@pytest.mark.train
def test_the_twins_ratio_is_reported_in_the_json_and_the_table(benchmark):
    result, results = benchmark
    (ratio,) = results["ratios"]
    assert (ratio["of"], ratio["twin"], ratio["kind"]) == (TASK, TWIN, "step")
    assert ratio["ratio"] == pytest.approx(ratio["ours"] / ratio["twin_value"]) and ratio["ratio"] > 0
    header = next(line for line in result.stdout.splitlines() if line.startswith("task "))
    assert "ours/twin" in header and "collect s" in header
    row = next(line for line in result.stdout.splitlines() if line.startswith(TASK) and "step" in line)
    assert f"{ratio['ratio']:.2f}" in row


@pytest.mark.unit
def test_training_figures_are_medians_after_the_warmup_iterations():
    figures = measurements.parse_train(PROGRESS + "[my_tasks] run dir: /nowhere\n", TASK)
    assert (figures["iterations"], figures["warmup_iterations"]) == (4, 1)
    assert figures["env_steps_per_s"] == 5000 and figures["collection_s"] == 0.1 and figures["update_s"] == 0.1
    assert (figures["final_return"], figures["final_episode_length"]) == (0.9, 40.0)
    assert figures["run_dir"] == "/nowhere" and figures["solved"] is None
    with pytest.raises(ValueError, match="no progress line"):
        measurements.parse_train("Traceback ...", TASK)


@pytest.mark.unit
def test_a_later_run_adds_to_the_results_and_replaces_its_own(tmp_path):
    path = tmp_path / "benchmark.json"

    def result(task: str, role: str, speed: float, label: str = "random actions") -> dict:
        return {"of": TASK, "task": task, "role": role, "kind": "step", "label": label, "ok": True} | {
            "env_steps_per_s": speed
        }

    report.write(path, report.merge(path, {"machine": {}}, [result(TASK, "ours", 90.0), result(TWIN, "twin", 100.0)]))
    merged = report.merge(path, {"machine": {}}, [result(TASK, "ours", 80.0), result(TASK, "ours", 5.0, "variant")])
    assert len(merged["results"]) == 3
    (ratio,) = merged["ratios"]
    assert ratio["ratio"] == pytest.approx(0.8)
    assert "0.80" in report.table(merged) and "failed" not in report.table(merged)
    merged["results"][0] |= {"ok": False, "error": "exit code 1"}
    assert "failed" in report.table(merged)


@pytest.mark.unit
def test_the_plan_lists_twins_variants_and_sb3s_host_path(tmp_path):
    command = [sys.executable, str(SCRIPTS / "benchmark.py"), "--plan", "--tasks", TASK, "--device", "cpu"]
    command += ["--twins", "all", "--libraries", "rsl_rl", "sb3", "--sb3_host", "--frontends", "torch", "warp"]
    command += ["--train_variant", "rsl_rl", "compiled", "agent.torch_compile_mode=default"]
    result = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    names = [line for line in result.stdout.splitlines() if line.startswith(TASK)]
    steps = [
        f"{TASK} | step random actions{frontend} | {role}"
        for frontend in ("", ", warp frontend")
        for role in ("ours", "twin")
    ]
    labels = ["rsl_rl", "sb3", "rsl_rl, compiled", "sb3, host rollout"]
    assert names == steps + [f"{TASK} | train {label} | {role}" for label in labels for role in ("ours", "twin")]
    assert "MY_TASKS_SB3_ROLLOUT=host" in result.stdout and "agent.torch_compile_mode=default" in result.stdout
    assert not (tmp_path / "logs").exists()  # a plan runs nothing and writes nothing
