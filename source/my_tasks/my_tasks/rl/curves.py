# Copyright (c) 2026, The my_tasks Project Developers.
# SPDX-License-Identifier: BSD-3-Clause

"""Learning curves of a run, read from its TensorBoard events, on one scale for rsl_rl, skrl and SB3.

Each library logs the mean return and episode length of its recent episodes under its own tags and
counts its x axis its own way (rsl_rl: iterations; skrl: timesteps, a step of every env counted once;
SB3: env steps of all envs). :func:`read_curves` turns them into env steps (all envs together) and
seconds since the run started (``run.json``'s ``created_at``; the first event if there is no manifest).
A ``--distributed`` run counts the envs of all its ranks (``run.json``'s ``world_size``).
Works on runs of our scripts and of ``isaaclab train`` alike: both write ``params/`` and ``run.json``.
"""

from __future__ import annotations

import dataclasses
import json
import math
from datetime import datetime
from pathlib import Path

import yaml

TAGS = {
    "rsl_rl": ("Train/mean_reward", "Train/mean_episode_length"),
    "skrl": ("Reward / Total reward (mean)", "Episode / Total timesteps (mean)"),
    "sb3": ("rollout/ep_rew_mean", "rollout/ep_len_mean"),
}
"""(mean return, mean episode length) tags of each library."""
SUCCESS_TAG = "Metrics/success_rate"
"""The env's success metric, logged under this tag by rsl_rl and skrl (SB3 does not log the env's metrics)."""


@dataclasses.dataclass
class Curves:
    """Mean return and episode length against env steps and wall-clock seconds, one point per logged iteration."""

    run_dir: Path
    library: str
    task: str | None
    num_envs: int
    max_episode_length: int | None
    env_steps: list[int]
    seconds: list[float]
    returns: list[float]
    lengths: list[float]
    success_rates: list[float]  # the env's Metrics/success_rate (rsl_rl, skrl), NaN where the run logs none

    def solved_at(self, fraction: float = 0.9) -> int | None:
        """Index of the first point whose mean episode length reaches ``fraction`` of the maximum, or None."""
        if self.max_episode_length is None:
            return None
        threshold = fraction * self.max_episode_length
        return next((i for i, length in enumerate(self.lengths) if length >= threshold), None)

    def succeeded_at(self, rate: float) -> int | None:
        """Index of the first point whose success rate reaches ``rate``, or None."""
        return next((i for i, value in enumerate(self.success_rates) if value >= rate), None)


def read_curves(run_dir: Path) -> Curves:
    """The curves of ``run_dir`` (its events may be in sub-folders).

    Raises:
        ValueError: If the folder holds no TensorBoard events with a known library's tags.
    """
    from tensorboard.backend.event_processing.event_accumulator import EventAccumulator

    run_dir = Path(run_dir)
    manifest = _manifest(run_dir)
    event_dirs = sorted({path.parent for path in run_dir.rglob("events.out.tfevents.*")})
    scalars: dict[str, list] = {}
    for folder in event_dirs:
        events = EventAccumulator(str(folder), size_guidance={"scalars": 0})
        events.Reload()
        for tag in events.Tags()["scalars"]:
            scalars.setdefault(tag, []).extend(events.Scalars(tag))
    library = manifest.get("library") or next((lib for lib, tags in TAGS.items() if tags[1] in scalars), None)
    if library not in TAGS or TAGS[library][1] not in scalars:
        raise ValueError(f"{run_dir}: no TensorBoard events of episode lengths from rsl_rl, skrl or SB3")
    return_tag, length_tag = TAGS[library]
    returns = {event.step: event.value for event in scalars.get(return_tag, [])}
    success_rates = {event.step: event.value for event in scalars.get(SUCCESS_TAG, [])}
    lengths = sorted(scalars[length_tag], key=lambda event: event.step)
    env_cfg, agent_cfg = _params(run_dir, "env"), _params(run_dir, "agent")
    # params/ hold one rank's config: a --distributed run steps world_size times its envs
    num_envs = int(env_cfg["scene"]["num_envs"]) * int(manifest.get("metadata", {}).get("world_size", 1))
    # env steps = (step + offset) * scale
    if library == "rsl_rl":  # step: iteration, from 0
        offset, scale = 1, agent_cfg["num_steps_per_env"] * num_envs
    elif library == "skrl":  # step: timesteps, one step of every env counted once
        offset, scale = 0, num_envs
    else:  # sb3: env steps of all envs already
        offset, scale = 0, 1
    start = _created_at(manifest)
    if start is None:
        start = lengths[0].wall_time if lengths else 0.0
    return Curves(
        run_dir=run_dir,
        library=library,
        task=manifest.get("task"),
        num_envs=num_envs,
        max_episode_length=_max_episode_length(env_cfg),
        env_steps=[(event.step + offset) * scale for event in lengths],
        seconds=[event.wall_time - start for event in lengths],
        returns=[returns.get(event.step, math.nan) for event in lengths],
        lengths=[event.value for event in lengths],
        success_rates=[success_rates.get(event.step, math.nan) for event in lengths],
    )


def _manifest(run_dir: Path) -> dict:
    try:
        return json.loads((run_dir / "run.json").read_text())
    except (FileNotFoundError, json.JSONDecodeError):
        return {}


def _created_at(manifest: dict) -> float | None:
    try:
        return datetime.fromisoformat(manifest["created_at"]).timestamp()
    except (KeyError, ValueError):
        return None


def _params(run_dir: Path, name: str) -> dict:
    path = run_dir / "params" / f"{name}.yaml"
    if not path.is_file():
        raise ValueError(f"{run_dir}: no params/{name}.yaml (is it a run folder?)")
    return yaml.unsafe_load(path.read_text())  # Isaac Lab's dump_yaml writes python tags (slices, tuples)


def _max_episode_length(env_cfg: dict) -> int | None:
    """The task's episode limit in policy steps."""
    try:
        return math.ceil(env_cfg["episode_length_s"] / (env_cfg["sim"]["dt"] * env_cfg["decimation"]))
    except (KeyError, TypeError):
        return None
