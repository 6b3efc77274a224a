# Copyright (c) 2026, The my_tasks Project Developers.
# SPDX-License-Identifier: BSD-3-Clause

"""Sphinx extension: the ``task-table`` directive, a table of every registered ``MyTasks-*`` task.

The table is built from the gymnasium registry at docs build time, so it lists exactly what
``import my_tasks`` registers. For each task:

* workflow: from the class of its env config (``DirectRLEnvCfg`` or ``ManagerBasedRLEnvCfg``);
* observation and action sizes: a direct task declares them on its config (``observation_space``,
  ``action_space``, ``state_space``), so they are read from there; a manager-based task's sizes are
  whatever its observation and action terms compute, so the env is created once with one env on the
  CPU (kit-less Newton, local assets only) and its managers are asked;
* libraries: which ``<library>_cfg_entry_point`` keys its ``gym.register`` call has.

The registry walk runs in a child process (this file run as a script) so that the simulation, its
log lines and its kernel caches stay out of the Sphinx process. The child refuses network
connections: a task that tries to download anything fails the docs build. Creating a manager-based
env costs about 10 s on 2 CPU cores (mostly importing Newton and MuJoCo-Warp), so the table is kept
in Sphinx's doctree folder with a hash of everything it depends on (the ``my_tasks`` package's files,
the lock file and this module) and listed again only when one of them changes.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TASK_PREFIX = "MyTasks-"
LIBRARIES = ("rsl_rl", "skrl", "sb3")
HEADERS = ("Task ID", "Workflow", "Observations", "Actions", "Libraries")


# --- the child process: walk the registry --------------------------------------------------------------


def _refuse_network() -> None:
    """Make any connection to another machine raise: the docs build must work offline."""
    import socket

    connect = socket.socket.connect

    def local_only(sock, address):
        if sock.family in (socket.AF_INET, socket.AF_INET6) and address[0] not in ("127.0.0.1", "::1", "localhost"):
            raise ConnectionRefusedError(f"the task reference must not touch the network (tried {address})")
        return connect(sock, address)

    socket.socket.connect = local_only


def _flat_size(spec) -> int:
    """Size of a direct env config's space spec (an int, a list of ints or a gymnasium space)."""
    import gymnasium as gym

    from isaaclab.envs.utils.spaces import spec_to_gym_space

    return int(gym.spaces.flatdim(spec_to_gym_space(spec)))


def _direct_sizes(env_cfg) -> dict:
    sizes = {
        "observations": {"policy": _flat_size(env_cfg.observation_space)},
        "actions": _flat_size(env_cfg.action_space),
    }
    if env_cfg.state_space:
        sizes["observations"]["critic"] = _flat_size(env_cfg.state_space)
    return {**sizes, "sizes_from": "config"}


def _manager_based_sizes(task: str, env_cfg) -> dict:
    import math

    import gymnasium as gym

    from isaaclab.app import launch_simulation

    env_cfg.scene.num_envs = 1
    env_cfg.sim.device = "cpu"
    with launch_simulation(env_cfg, {"device": "cpu"}):
        env = gym.make(task, cfg=env_cfg)
        try:
            unwrapped = env.unwrapped
            observations = {}
            for group, dims in unwrapped.observation_manager.group_obs_dim.items():
                # a concatenated group has one shape; a dict group has one shape per term
                shapes = [dims] if isinstance(dims, tuple) else dims
                observations[group] = sum(math.prod(shape) for shape in shapes)
            actions = int(unwrapped.action_manager.total_action_dim)
        finally:
            env.close()
    return {"observations": observations, "actions": actions, "sizes_from": "env"}


def collect_tasks() -> list[dict]:
    """Describe every registered ``MyTasks-*`` task (run in the child process)."""
    import gymnasium as gym

    from isaaclab.envs import DirectRLEnvCfg, ManagerBasedRLEnvCfg

    import my_tasks  # noqa: F401  (registers the tasks)
    from my_tasks.rl.tasks import resolve_configs

    rows = []
    for task in sorted(task for task in gym.registry if task.startswith(TASK_PREFIX)):
        spec = gym.spec(task)
        # the env config as the train scripts get it: presets resolved (default physics), no overrides
        env_cfg, _ = resolve_configs(task, None, [])
        if isinstance(env_cfg, DirectRLEnvCfg):
            row = {"workflow": "direct", **_direct_sizes(env_cfg)}
        elif isinstance(env_cfg, ManagerBasedRLEnvCfg):
            row = {"workflow": "manager-based", **_manager_based_sizes(task, env_cfg)}
        else:
            raise TypeError(f"{task}: unexpected env config class {type(env_cfg).__name__}")
        row["task"] = task
        row["env_cfg"] = spec.kwargs["env_cfg_entry_point"]
        row["libraries"] = [library for library in LIBRARIES if f"{library}_cfg_entry_point" in spec.kwargs]
        rows.append(row)
    return rows


# --- the Sphinx side -------------------------------------------------------------------------------------


def sources_key() -> str:
    """A hash of what the table depends on: the files of the ``my_tasks`` package, the lock file, this module."""
    spec = importlib.util.find_spec("my_tasks")  # finds the package without importing it
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("my_tasks is not installed in this Python: run make setup")
    package = Path(next(iter(spec.submodule_search_locations)))
    files = [path for path in sorted(package.rglob("*")) if path.is_file() and "__pycache__" not in path.parts]
    lock = Path(__file__).resolve().parents[2] / "requirements" / "lock.txt"
    digest = hashlib.sha256()
    for path in [*files, lock, Path(__file__)]:
        digest.update(str(path).encode())
        digest.update(path.read_bytes() if path.is_file() else b"")
    return digest.hexdigest()


def probe_tasks() -> tuple[list[dict], float]:
    """Run :func:`collect_tasks` in a child process with this interpreter; return the rows and the seconds taken."""
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "tasks.json"
        result = subprocess.run(
            [sys.executable, __file__, str(out)], capture_output=True, text=True, timeout=600, cwd=folder
        )
        if result.returncode != 0 or not out.is_file():
            raise RuntimeError(f"listing the tasks failed (exit {result.returncode}):\n{result.stderr[-3000:]}")
        rows = json.loads(out.read_text())
    return rows, time.perf_counter() - start


def _format_observations(observations: dict) -> str:
    policy = observations.get("policy")
    others = [f"{group} {size}" for group, size in observations.items() if group != "policy"]
    return ", ".join(([str(policy)] if policy is not None else []) + others)


def _table(rows: list[dict]):
    from docutils import nodes

    def entry(*children):
        cell = nodes.entry()
        cell += nodes.paragraph("", "", *children)
        return cell

    table = nodes.table(classes=["task-table"])
    group = nodes.tgroup(cols=len(HEADERS))
    table += group
    for width in (30, 14, 16, 8, 14):
        group += nodes.colspec(colwidth=width)
    head = nodes.thead()
    header_row = nodes.row()
    for title in HEADERS:
        header_row += entry(nodes.Text(title))
    head += header_row
    group += head
    body = nodes.tbody()
    for row in rows:
        table_row = nodes.row()
        how = "from the config" if row["sizes_from"] == "config" else "from the env's managers"
        table_row += entry(nodes.literal(text=row["task"]))
        table_row += entry(nodes.Text(row["workflow"]))
        table_row += entry(nodes.Text(f"{_format_observations(row['observations'])} ({how})"))
        table_row += entry(nodes.Text(str(row["actions"])))
        table_row += entry(nodes.Text(", ".join(row["libraries"])))
        body += table_row
    group += body
    return table


def setup(app):
    from docutils import nodes
    from sphinx.util import logging
    from sphinx.util.docutils import SphinxDirective

    logger = logging.getLogger(__name__)
    cache: dict[str, list[dict]] = {}

    class TaskTable(SphinxDirective):
        """``task-table``: the registered tasks, probed once per build."""

        has_content = False

        def run(self) -> list[nodes.Node]:
            if "rows" not in cache:
                try:
                    cache["rows"] = self.rows()
                except (RuntimeError, subprocess.TimeoutExpired) as error:
                    raise self.error(f"task-table: {error}") from None
            self.env.task_table_docs = getattr(self.env, "task_table_docs", set()) | {self.env.docname}
            return [_table(cache["rows"])]

        def rows(self) -> list[dict]:
            stored = Path(self.env.app.doctreedir) / "task-table.json"
            key = sources_key()
            if stored.is_file():
                content = json.loads(stored.read_text())
                if content.get("key") == key:
                    logger.info(f"[task-table] {len(content['rows'])} tasks, unchanged since the last build")
                    return content["rows"]
            rows, seconds = probe_tasks()
            logger.info(f"[task-table] {len(rows)} tasks listed from the registry in {seconds:.1f} s")
            stored.parent.mkdir(parents=True, exist_ok=True)
            stored.write_text(json.dumps({"key": key, "rows": rows}))
            return rows

    def always_reread(app, env, added, changed, removed):
        # the table depends on the registry, not on the page's text: read the page again on every build
        return sorted(getattr(env, "task_table_docs", set()) - set(removed))

    def purge(app, env, docname):
        getattr(env, "task_table_docs", set()).discard(docname)

    def merge(app, env, docnames, other):
        env.task_table_docs = getattr(env, "task_table_docs", set()) | getattr(other, "task_table_docs", set())

    app.add_directive("task-table", TaskTable)
    app.connect("env-get-outdated", always_reread)
    app.connect("env-purge-doc", purge)
    app.connect("env-merge-info", merge)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}


if __name__ == "__main__":
    _refuse_network()
    Path(sys.argv[1]).write_text(json.dumps(collect_tasks()))
