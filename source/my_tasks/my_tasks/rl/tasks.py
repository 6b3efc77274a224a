# Copyright (c) 2026, The my_tasks Project Developers.
# SPDX-License-Identifier: BSD-3-Clause

"""Find a task in the gymnasium registry and resolve its env and agent configs.

A task's ``gym.register`` call names its configs by entry point (``env_cfg_entry_point``,
``rsl_rl_cfg_entry_point``, ...). Isaac Lab's :func:`~isaaclab_tasks.utils.resolve_task_config`
loads them, applies the presets (``physics=newton_mjwarp``), the play-mode settings and the
``env.``/``agent.`` overrides. This module adds what it leaves to the caller: a clear error for an
unknown task or an override key that does not exist (Isaac Lab would set a new attribute silently).
"""

from __future__ import annotations

import dataclasses
import difflib
from collections.abc import Mapping
from typing import Any

from .cli import PRESET_SELECTORS
from .errors import EXIT_USAGE, UserError

TASK_PREFIX = "MyTasks-"


def registered_task_ids() -> list[str]:
    """Every registered Isaac Lab task (those with an ``env_cfg_entry_point``), sorted."""
    import gymnasium as gym

    return sorted(spec.id for spec in gym.registry.values() if "env_cfg_entry_point" in spec.kwargs)


def check_task(task: str) -> None:
    """Raise a usage error naming the known tasks and the closest matches if ``task`` is not registered."""
    task_ids = registered_task_ids()
    if task in task_ids:
        return
    ours = [task_id for task_id in task_ids if task_id.startswith(TASK_PREFIX)]
    close = difflib.get_close_matches(task, task_ids, n=3, cutoff=0.5)
    hint = f" Did you mean {', '.join(close)}?" if close else ""
    raise UserError(f"unknown task {task!r}.{hint} Known tasks: {', '.join(ours)}", exit_code=EXIT_USAGE)


def agent_entry_point(task: str, library: str) -> str:
    """The registry key of ``library``'s agent config for ``task``; a clear error if the task has none."""
    import gymnasium as gym

    key = f"{library}_cfg_entry_point"
    if key not in gym.spec(task).kwargs:
        raise UserError(f"task {task} has no {library} agent config ({key} is not in its gym.register kwargs)")
    return key


def resolve_configs(task: str, library: str | None, overrides: list[str], play_mode: bool = False) -> tuple[Any, Any]:
    """Return the task's ``(env_cfg, agent_cfg)`` for ``library`` with presets and overrides applied.

    Args:
        task: Registered task ID.
        library: ``rsl_rl``, ``skrl`` or ``sb3``; None for the env config alone (``agent_cfg`` is None).
        overrides: Command-line tokens ``env.<path>=<value>``, ``agent.<path>=<value>``, ``physics=<name>``,
            ``renderer=<name>``, ``presets=<names>``.
        play_mode: Apply the env config's ``play_mode()`` (fewer envs, no noise), as play scripts do.

    Raises:
        UserError: For an unknown task, preset or override key.
    """
    from isaaclab_tasks.utils import resolve_task_config

    check_task(task)
    entry_point = agent_entry_point(task, library) if library else None
    selectors = [token for token in overrides if token.split("=", 1)[0] in PRESET_SELECTORS]
    try:
        env_cfg, agent_cfg = resolve_task_config(task, entry_point, play_mode=play_mode, overrides=selectors)
    except ValueError as error:  # an unknown preset: Isaac Lab's message lists the available ones
        raise UserError(" ".join(str(error).split()), exit_code=EXIT_USAGE) from None
    value_overrides = [token for token in overrides if token not in selectors]
    if not value_overrides:
        return env_cfg, agent_cfg
    for token in value_overrides:
        check_override_key(token.split("=", 1)[0], {"env": env_cfg, "agent": agent_cfg})
    return resolve_task_config(task, entry_point, play_mode=play_mode, overrides=overrides)


def check_override_key(key: str, roots: Mapping[str, Any]) -> None:
    """Raise a usage error if the dotted ``key`` (``env.sim.dt``) names no existing config field."""
    root, *path = key.split(".")
    node = roots[root]
    walked = root
    for name in path:
        fields = _field_names(node)
        if name not in fields:
            close = difflib.get_close_matches(name, fields, n=3)
            hint = f"; did you mean {', '.join(f'{walked}.{c}' for c in close)}?" if close else ""
            raise UserError(f"unknown override key {key!r}: {walked} has no field {name!r}{hint}", EXIT_USAGE)
        node = node[name] if isinstance(node, Mapping) else getattr(node, name)
        walked = f"{walked}.{name}"


def _field_names(node: Any) -> list[str]:
    if isinstance(node, Mapping):
        return [str(key) for key in node]
    if dataclasses.is_dataclass(node):
        return [field.name for field in dataclasses.fields(node)]
    return [name for name in vars(node) if not name.startswith("_")] if hasattr(node, "__dict__") else []


def configure_env(
    env_cfg: Any, *, num_envs: int | None, device: str, seed: int, command: list[float] | None = None
) -> None:
    """Apply the ``--num_envs``, ``--device``, seed and (play) ``--command`` flags to an env config."""
    if num_envs is not None:
        env_cfg.scene.num_envs = num_envs
    env_cfg.sim.device = device
    env_cfg.seed = seed
    if command is not None:
        fix_velocity_command(env_cfg, command)


def fix_velocity_command(env_cfg: Any, command: list[float]) -> None:
    """Hold the velocity command of every env at ``(vx, vy, wz)``: no sampling, no heading control, no standing.

    Raises:
        UserError: If the task has no velocity command (Isaac Lab's ``UniformVelocityCommandCfg``).
    """
    from isaaclab.envs.mdp import UniformVelocityCommandCfg

    commands = getattr(env_cfg, "commands", None)
    terms = vars(commands).values() if commands is not None else []
    velocity_terms = [term for term in terms if isinstance(term, UniformVelocityCommandCfg)]
    if not velocity_terms:
        raise UserError("--command: this task has no velocity command to hold (only velocity tasks have one)")
    vx, vy, wz = (float(value) for value in command)
    for term in velocity_terms:
        term.ranges.lin_vel_x, term.ranges.lin_vel_y, term.ranges.ang_vel_z = (vx, vx), (vy, vy), (wz, wz)
        term.ranges.heading = None
        term.heading_command = False
        term.rel_standing_envs = 0.0
