# Copyright (c) 2026, The my_tasks Project Developers.
# SPDX-License-Identifier: BSD-3-Clause

"""Shared fixtures: offline guard, marker skips, and running the scripts as a user does."""

from __future__ import annotations

import importlib.util
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
SCRIPTS = REPO_ROOT / "scripts"


def pytest_collection_modifyitems(config, items):
    import torch

    no_gpu = pytest.mark.skip(reason="needs a CUDA GPU")
    no_isaacsim = pytest.mark.skip(reason="needs Isaac Sim")
    has_isaacsim = importlib.util.find_spec("isaacsim") is not None
    for item in items:
        if "gpu" in item.keywords and not torch.cuda.is_available():
            item.add_marker(no_gpu)
        if "isaacsim" in item.keywords and not has_isaacsim:
            item.add_marker(no_isaacsim)


@pytest.fixture(autouse=True)
def offline(monkeypatch):
    """Fail a test that connects to anything but this machine: tasks, assets and scripts must work offline."""
    connect = socket.socket.connect

    def local_only(sock, address):
        if sock.family in (socket.AF_INET, socket.AF_INET6) and address[0] not in ("127.0.0.1", "::1", "localhost"):
            raise AssertionError(f"a test tried to reach {address}: everything must work offline")
        return connect(sock, address)

    monkeypatch.setattr(socket.socket, "connect", local_only)


def run_script(script: str, *args: str, cwd: Path, timeout: float = 900) -> subprocess.CompletedProcess:
    """Run ``scripts/<script>`` with this interpreter in ``cwd`` (where ``logs/`` goes), as a user would."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.run(
        [sys.executable, str(SCRIPTS / script), *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def assert_one_line_error(result: subprocess.CompletedProcess, exit_code: int, *fragments: str) -> str:
    """Check a refused command: its exit code, no traceback, and one ``error:`` line holding ``fragments``."""
    assert result.returncode == exit_code, result.stderr[-3000:]
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, result.stderr[-3000:]
    for fragment in fragments:
        assert fragment in errors[0], errors[0]
    return errors[0]


def interrupt_training(script: str, *args: str, cwd: Path, after_iteration: int) -> tuple[int, str]:
    """Start ``scripts/<script>``, press Ctrl-C (SIGINT) once it reports ``after_iteration``; return (code, stderr).

    Training is under way when the progress line ``[my_tasks] it <after_iteration>/...`` appears.
    """
    import signal
    import time

    process = subprocess.Popen(
        [sys.executable, str(SCRIPTS / script), *args],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    deadline = time.monotonic() + 600
    started = f"[my_tasks] it {after_iteration}/"
    for line in process.stdout:
        if " ".join(line.split()).startswith(started) or time.monotonic() > deadline:
            break
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=300)
    return process.returncode, stderr
