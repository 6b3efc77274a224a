# Copyright (c) 2026, The my_tasks Project Developers.
# SPDX-License-Identifier: BSD-3-Clause

"""skrl's PPO with the checkpoint behaviour that ``DESIGN.md`` asks of every library, and its YAML read as skrl does.

A task's ``skrl_cfg_entry_point`` YAML has the four sections of skrl's runner: ``models``, ``memory``,
``agent`` and ``trainer``. skrl's :class:`~skrl.utils.runner.torch.Runner` builds all four in one call;
``scripts/skrl/train.py`` builds them one by one so that each step can be read, with the helpers here:

* :func:`build_models` and :func:`ppo_cfg` turn the YAML sections into skrl's model instantiators'
  arguments and :class:`~skrl.agents.torch.ppo.PPO_CFG`, accepting the field names of skrl 1.x (``lambda``,
  ``state_preprocessor``) that Isaac Lab's YAML files still use, as skrl's runner does.
* :class:`PPO` is skrl's PPO agent whose checkpoints are atomic and record their timestep, so that a
  resumed run continues the count, which prints the :class:`~my_tasks.rl.progress.ProgressLine` and
  ends every iteration with :func:`~my_tasks.rl.distributed.stop_if_requested`.
* :class:`SkrlPolicy` is the deterministic policy (state preprocessor + mean action) for export.

One training *iteration* is one rollout: ``agent.rollouts`` steps of every env, then a PPO update.
"""

from __future__ import annotations

import copy
import re
import time
from pathlib import Path
from typing import Any

import torch
from skrl.agents.torch.ppo import PPO as SkrlPPO
from skrl.agents.torch.ppo import PPO_CFG
from skrl.resources.preprocessors.torch import RunningStandardScaler
from skrl.resources.schedulers.torch import KLAdaptiveLR
from skrl.trainers.torch import SequentialTrainerCfg
from skrl.utils.model_instantiators.torch import (
    categorical_model,
    deterministic_model,
    gaussian_model,
    multivariate_gaussian_model,
    shared_model,
)

from . import distributed
from .checkpoints import save_atomically
from .errors import UserError
from .progress import ProgressLine

_INSTANTIATORS = {
    "gaussianmixin": gaussian_model,
    "multivariategaussianmixin": multivariate_gaussian_model,
    "deterministicmixin": deterministic_model,
    "categoricalmixin": categorical_model,
}
_CLASSES = {"KLAdaptiveLR": KLAdaptiveLR, "RunningStandardScaler": RunningStandardScaler}
"""Class names that skrl's YAML may give as strings (the ones its runner evaluates for PPO)."""


def build_models(env: Any, models_cfg: dict) -> dict[str, torch.nn.Module]:
    """The ``policy`` and ``value`` models of the ``models`` section, through skrl's model instantiators.

    With ``separate: False`` both roles are one network with two heads (skrl's ``shared_model``).
    """
    cfg = copy.deepcopy(models_cfg)
    separate = cfg.pop("separate", True)
    spaces = {
        "observation_space": env.observation_space,
        "state_space": env.state_space,
        "action_space": env.action_space,
        "device": env.device,
    }
    if separate:
        models = {role: _instantiator(params.pop("class"))(**spaces, **params) for role, params in cfg.items()}
    else:
        roles = list(cfg)
        structure = [cfg[role].pop("class") for role in roles]
        model = shared_model(**spaces, structure=structure, roles=roles, parameters=[cfg[role] for role in roles])
        models = dict.fromkeys(roles, model)
    for role, model in models.items():
        model.init_state_dict(role=role)  # materialise lazy layers
    return models


def _instantiator(class_name: str):
    try:
        return _INSTANTIATORS[class_name.lower()]
    except KeyError:
        raise UserError(f"skrl model class {class_name!r} is not one of {sorted(_INSTANTIATORS)}") from None


def ppo_cfg(agent_section: dict, env: Any, run_dir: Path | None) -> PPO_CFG:
    """The :class:`PPO_CFG` of skrl from the YAML's ``agent`` section, writing into ``run_dir`` (None: nowhere).

    ``experiment.write_interval: auto`` logs once per iteration and ``checkpoint_interval: auto`` is resolved
    by :func:`resolve_intervals`.
    """
    cfg = copy.deepcopy(agent_section)
    if str(cfg.pop("class", "PPO")).lower() != "ppo":
        raise UserError(f"this script trains skrl's PPO; the agent config names {agent_section['class']}")
    # skrl 1.x names, still used by Isaac Lab's YAML files (skrl's runner renames them the same way)
    if "lambda" in cfg:
        cfg["gae_lambda"] = cfg.pop("lambda")
    if "state_preprocessor" in cfg and "observation_preprocessor" not in cfg:
        cfg["observation_preprocessor"] = cfg.pop("state_preprocessor")
        cfg["observation_preprocessor_kwargs"] = cfg.pop("state_preprocessor_kwargs", None)
    if "clip_predicted_values" in cfg and not cfg.pop("clip_predicted_values"):
        cfg["value_clip"] = 0.0
    for unused in ("random_timesteps", "learning_starts"):  # off-policy settings; PPO has none
        cfg.pop(unused, None)
    scale = cfg.pop("rewards_shaper_scale", None)
    if scale is not None and scale != 1.0:
        cfg["rewards_shaper"] = _RewardScale(scale)
    for key, value in list(cfg.items()):
        if key.endswith("_kwargs"):
            cfg[key] = dict(value or {})
        elif isinstance(value, str) and (key == "learning_rate_scheduler" or key.endswith("_preprocessor")):
            if value not in _CLASSES:
                raise UserError(f"skrl agent config: {key}: {value!r} is not one of {sorted(_CLASSES)}")
            cfg[key] = _CLASSES[value]
    sizes = {"observation": env.observation_space, "state": env.state_space, "value": 1}
    for name, size in sizes.items():
        if cfg.get(f"{name}_preprocessor"):
            key = f"{name}_preprocessor_kwargs"
            cfg[key] = {**cfg.get(key, {}), "size": size, "device": env.device}
    experiment = cfg.setdefault("experiment", {})
    experiment["directory"] = str(run_dir.parent) if run_dir else ""
    experiment["experiment_name"] = run_dir.name if run_dir else ""
    if run_dir is None:  # play: no TensorBoard writer, no checkpoints
        experiment["write_interval"] = experiment["checkpoint_interval"] = 0
    try:
        return PPO_CFG(**cfg)
    except TypeError as error:
        raise UserError(f"skrl agent config: {error}") from None


def resolve_intervals(cfg: PPO_CFG, iterations: int) -> None:
    """Log every iteration and save ten checkpoints per run (``auto``), aligned to whole iterations."""
    experiment = cfg.experiment
    rollouts = cfg.rollouts
    if experiment["write_interval"] == "auto":
        experiment["write_interval"] = rollouts
    if experiment["checkpoint_interval"] == "auto":
        experiment["checkpoint_interval"] = max(1, round(iterations / 10)) * rollouts


def trainer_cfg(trainer_section: dict, timesteps: int) -> SequentialTrainerCfg:
    """The trainer settings of skrl from the YAML's ``trainer`` section, for a run of ``timesteps`` timesteps.

    Our progress line replaces skrl's tqdm bar (``agent.trainer.disable_progressbar=False`` brings it back);
    the env is closed by the script, not at exit.
    """
    cfg = {key: value for key, value in trainer_section.items() if key not in ("class", "timesteps")}
    if str(trainer_section.get("class", "SequentialTrainer")).lower() != "sequentialtrainer":
        raise UserError(f"this script runs skrl's SequentialTrainer; the config names {trainer_section['class']}")
    cfg.setdefault("disable_progressbar", True)
    cfg.update(timesteps=timesteps, headless=True, close_environment_at_exit=False)
    try:
        return SequentialTrainerCfg(**cfg)
    except TypeError as error:
        raise UserError(f"skrl trainer config: {error}") from None


def save_final(agent: PPO) -> Path:
    """Write the agent's checkpoint at its current timestep (end of training, or Ctrl-C); return its path.

    Nothing is written if skrl's checkpoint interval already saved this timestep.
    """
    path = Path(agent.experiment_dir) / "checkpoints" / f"agent_{agent.completed_timesteps}.pt"
    if not path.is_file():
        agent.write_checkpoint(timestep=agent.completed_timesteps, timesteps=agent.completed_timesteps)
    return path


class _RewardScale:
    """``rewards_shaper_scale`` as skrl's rewards shaper (a class, not a lambda, so the config can be copied)."""

    def __init__(self, scale: float):
        self.scale = scale

    def __call__(self, rewards: torch.Tensor, *args) -> torch.Tensor:
        return rewards * self.scale


class PPO(SkrlPPO):
    """skrl's PPO whose checkpoints are atomic, carry their timestep, and continue the count on resume.

    skrl's trainer counts timesteps from 0 on every run; this agent adds the timestep of the checkpoint
    it was loaded from, so checkpoint names (``checkpoints/agent_<timestep>.pt``), TensorBoard steps and
    the progress line continue where the resumed run stopped. ``timestep`` counts steps of every env
    together as one (skrl's convention); an iteration is ``cfg.rollouts`` timesteps.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.first_timestep = 0
        self.completed_timesteps = 0
        self.progress: ProgressLine | None = None
        self._last_update_end = time.perf_counter()  # where the next rollout's collection time starts

    @property
    def iteration(self) -> int:
        """The last completed iteration (-1 before the first)."""
        return self.completed_timesteps // self.cfg.rollouts - 1

    def start_progress(self, timesteps: int, num_envs: int) -> None:
        """Print the progress line during a training run of ``timesteps`` timesteps."""
        first = self.first_timestep // self.cfg.rollouts
        last = (self.first_timestep + timesteps) // self.cfg.rollouts - 1
        self.progress = ProgressLine(first, last, self.cfg.rollouts * num_envs)
        self._last_update_end = time.perf_counter()

    def record_transition(self, *, timestep: int, **kwargs) -> None:
        super().record_transition(timestep=self.first_timestep + timestep, **kwargs)

    def post_interaction(self, *, timestep: int, timesteps: int) -> None:
        timestep += self.first_timestep
        rollout_ends = self.training and (self._rollout + 1) % self.cfg.rollouts == 0
        if rollout_ends:  # skrl clears its window of finished episodes when it writes to TensorBoard: read it first
            returns, lengths = _flat(self._track_rewards), _flat(self._track_timesteps)  # skrl keeps [value] lists
            update_start = time.perf_counter()  # skrl updates PPO inside post_interaction at a rollout's end
        super().post_interaction(timestep=timestep, timesteps=self.first_timestep + timesteps)
        self.completed_timesteps = timestep + 1
        if rollout_ends and self.progress is not None:
            update_end = time.perf_counter()
            self.progress.update(
                self.iteration,
                returns,
                lengths,
                collection_s=update_start - self._last_update_end,
                update_s=update_end - update_start,
            )
            self._last_update_end = update_end
        if rollout_ends:
            distributed.stop_if_requested(self.device)

    def checkpoint(self) -> dict[str, Any]:
        """Everything to resume from: models, optimiser, preprocessors (skrl's modules) and the timestep."""
        content = {name: self._get_internal_value(module) for name, module in self.checkpoint_modules.items()}
        content["timestep"] = self.completed_timesteps
        return content

    def write_checkpoint(self, *, timestep: int, timesteps: int) -> None:
        """Write skrl's ``checkpoints/agent_<timestep>.pt`` (and ``best_agent.pt``), written atomically."""
        folder = Path(self.experiment_dir) / "checkpoints"
        folder.mkdir(parents=True, exist_ok=True)
        self.completed_timesteps = timestep
        save_atomically(self.checkpoint(), folder / f"agent_{timestep}.pt")
        best = self.checkpoint_best_modules
        if best["modules"] and not best["saved"]:
            save_atomically({**best["modules"], "timestep": best["timestep"]}, folder / "best_agent.pt")
            best["saved"] = True

    def save(self, path: str) -> None:
        save_atomically(self.checkpoint(), Path(path))

    def load(self, path: str) -> None:
        """Load a checkpoint; training continues at its timestep. A checkpoint of other sizes is a one-line error."""
        content = torch.load(path, map_location=self.device, weights_only=False)
        timestep = content.pop("timestep", None)
        if timestep is None:  # written by skrl itself: the timestep is in the file name
            match = re.fullmatch(r"agent_(\d+)\.pt", Path(path).name)
            timestep = int(match.group(1)) if match else 0
        if "state_preprocessor" in content and "state_preprocessor" not in self.checkpoint_modules:
            content["observation_preprocessor"] = content.pop("state_preprocessor")  # skrl 1.x's name
        for name, state in content.items():
            module = self.checkpoint_modules.get(name)
            if module is None:
                raise UserError(f"checkpoint {path} holds a {name!r} this agent lacks (another agent config?)")
            try:
                module.load_state_dict(state)
            except (RuntimeError, ValueError) as error:
                if "size" not in str(error) and "Missing key" not in str(error):
                    raise
                raise UserError(
                    f"checkpoint {path} does not fit this task's policy (its network sizes differ): "
                    "was it trained on another task or with another agent config?"
                ) from None
        self.first_timestep = self.completed_timesteps = timestep


def _flat(values) -> list[float]:
    return [float(value[0]) if isinstance(value, list) else float(value) for value in values]


class SkrlPolicy(torch.nn.Module):
    """The deterministic skrl policy: observation preprocessor, then the policy's mean action."""

    def __init__(self, agent: SkrlPPO):
        super().__init__()
        self.preprocessor = agent._observation_preprocessor
        if not isinstance(self.preprocessor, torch.nn.Module):  # skrl's identity function: no preprocessor
            self.preprocessor = torch.nn.Identity()
        self.policy = agent.policy
        self.clip = bool(getattr(self.policy, "_g_clip_mean_actions", False))
        if self.clip:  # skrl clips the mean action to the action space (clip_mean_actions: True)
            self.register_buffer("low", torch.as_tensor(self.policy._g_min_actions, dtype=torch.float32))
            self.register_buffer("high", torch.as_tensor(self.policy._g_max_actions, dtype=torch.float32))

    def forward(self, obs: torch.Tensor) -> torch.Tensor:
        mean, _ = self.policy.compute({"observations": self.preprocessor(obs), "states": None}, role="policy")
        return torch.maximum(torch.minimum(mean, self.high), self.low) if self.clip else mean
