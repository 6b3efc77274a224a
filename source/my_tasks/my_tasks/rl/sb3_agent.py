# Copyright (c) 2026, The my_tasks Project Developers.
# SPDX-License-Identifier: BSD-3-Clause

"""Stable-Baselines3 PPO with the checkpoint behaviour that ``DESIGN.md`` asks of every library.

A task's ``sb3_cfg_entry_point`` YAML holds PPO's constructor arguments plus ``n_timesteps`` and, as in
Isaac Lab, the observation normalisation settings ``normalize_input``, ``normalize_value`` and ``clip_obs``
(SB3 normalises with its :class:`~stable_baselines3.common.vec_env.VecNormalize` env wrapper).

* :func:`split_cfg` separates those from PPO's arguments, converted by isaaclab_rl's ``process_sb3_cfg``.
* A checkpoint is SB3's own ``model_<iteration>.zip`` (policy, optimiser, timestep count) plus
  ``model_<iteration>_vecnormalize.pkl`` (the normaliser statistics) next to it, both written atomically
  by :func:`save_checkpoint`; :func:`load_checkpoint` resumes from them.
* :class:`TrainingCallback` saves every ``save_interval`` iterations and prints the progress line.
* :class:`Sb3Policy` is the deterministic policy (VecNormalize statistics + mean action + SB3's clip) for export.

One training *iteration* is one rollout: ``n_steps`` steps of every env, then a PPO update.
"""

from __future__ import annotations

import io
import pickle
import time
from pathlib import Path
from typing import Any

import numpy as np
import torch
from stable_baselines3 import PPO
from stable_baselines3.common.callbacks import BaseCallback
from stable_baselines3.common.save_util import load_from_zip_file
from stable_baselines3.common.vec_env import VecNormalize

from isaaclab_rl.sb3 import process_sb3_cfg

from .checkpoints import write_atomically
from .errors import UserError
from .progress import ProgressLine
from .sb3_device_env import TorchSb3VecEnv, TorchVecNormalize

NORMALIZATION_KEYS = ("normalize_input", "normalize_value", "clip_obs")


def split_cfg(agent_cfg: dict, num_envs: int) -> tuple[str, dict, dict]:
    """``(policy class name, PPO keyword arguments, VecNormalize settings)`` from the YAML agent config."""
    cfg = process_sb3_cfg(dict(agent_cfg), num_envs)
    policy = cfg.pop("policy")
    cfg.pop("n_timesteps", None)
    cfg.pop("device", None)  # --device decides
    normalization = {key: cfg.pop(key) for key in NORMALIZATION_KEYS if key in cfg}
    return policy, cfg, normalization


def normalize(env: Any, normalization: dict, gamma: float) -> Any:
    """Wrap ``env`` in SB3's VecNormalize if the config asks for it (``normalize_input``).

    A :class:`~my_tasks.rl.sb3_device_env.TorchSb3VecEnv` gets the same normaliser on its device.
    """
    if not normalization.get("normalize_input"):
        return env
    normalizer = TorchVecNormalize if isinstance(env, TorchSb3VecEnv) else VecNormalize
    return normalizer(
        env,
        training=True,
        norm_obs=True,
        norm_reward=bool(normalization.get("normalize_value", False)),
        clip_obs=float(normalization.get("clip_obs", 10.0)),
        gamma=gamma,
        clip_reward=np.inf,
    )


def steps_per_iteration(model: PPO) -> int:
    """Env steps of one iteration, all envs together."""
    return model.n_steps * model.n_envs


def iteration_of(model: PPO) -> int:
    """The last completed iteration (-1 before the first)."""
    return model.num_timesteps // steps_per_iteration(model) - 1


def normalizer_path(checkpoint: Path) -> Path:
    """Where the VecNormalize statistics of ``model_<iteration>.zip`` are: ``model_<iteration>_vecnormalize.pkl``."""
    return checkpoint.with_name(f"{checkpoint.stem}_vecnormalize.pkl")


def save_checkpoint(model: PPO, run_dir: Path) -> Path:
    """Write ``model_<iteration>.zip`` (and its normaliser) into ``run_dir`` atomically; return its path."""
    path = run_dir / f"model_{iteration_of(model)}.zip"
    buffer = io.BytesIO()
    model.save(buffer)
    write_atomically(buffer.getvalue(), path)
    vec_normalize = model.get_vec_normalize_env()
    if vec_normalize is not None:
        # VecNormalize.save pickles the wrapper without its env; the same, into memory first
        write_atomically(pickle.dumps(vec_normalize), normalizer_path(path))
    return path


def load_checkpoint(model: PPO, path: Path) -> None:
    """Load weights, optimiser state, timestep count and normaliser statistics of a checkpoint into ``model``.

    The hyperparameters stay those of the current config (as with rsl_rl and skrl), so a resumed run can
    change, e.g., the learning rate by an override.
    """
    try:
        data, parameters, _ = load_from_zip_file(path, device=model.device, load_data=True)
        model.set_parameters(parameters, exact_match=True, device=model.device)
    except (RuntimeError, ValueError) as error:
        raise UserError(
            f"checkpoint {path} does not fit this task's policy ({' '.join(str(error).split())[:120]}): "
            "was it trained on another task or with another agent config?"
        ) from None
    model.num_timesteps = int(data["num_timesteps"])
    model._n_updates = int(data.get("_n_updates", 0))
    vec_normalize = model.get_vec_normalize_env()
    statistics = normalizer_path(path)
    if vec_normalize is not None:
        if not statistics.is_file():
            raise UserError(f"checkpoint {path} has no normaliser statistics ({statistics.name}) next to it")
        saved = VecNormalize.load(str(statistics), vec_normalize.venv)
        vec_normalize.obs_rms, vec_normalize.ret_rms = saved.obs_rms, saved.ret_rms


class TrainingCallback(BaseCallback):
    """Save every ``save_interval`` iterations and print the progress line after every PPO update."""

    def __init__(self, run_dir: Path, save_interval: int, total_iterations: int):
        super().__init__()
        self.run_dir = run_dir
        self.save_interval = save_interval
        self.total_iterations = total_iterations
        self.progress: ProgressLine | None = None
        self.collected_iteration = -1  # the last iteration whose rollout is collected
        self.reported_iteration = -1  # the last iteration whose progress line is printed
        self.rollout_start = self.rollout_end = 0.0  # [s] of the last rollout, for the time split

    def _on_training_start(self) -> None:
        first = iteration_of(self.model) + 1
        self.progress = ProgressLine(first, first + self.total_iterations - 1, steps_per_iteration(self.model))

    def _on_step(self) -> bool:
        return True

    def _on_rollout_end(self) -> None:
        self.collected_iteration = iteration_of(self.model)
        self.rollout_end = time.perf_counter()

    def _on_rollout_start(self) -> None:  # the previous iteration's update is done
        self._iteration_done()
        self.rollout_start = time.perf_counter()

    def _on_training_end(self) -> None:
        self._iteration_done()

    def _iteration_done(self) -> None:
        iteration = self.collected_iteration
        if iteration == self.reported_iteration or self.progress is None:
            return
        self.reported_iteration = iteration
        episodes = self.model.ep_info_buffer
        self.progress.update(
            iteration,
            [e["r"] for e in episodes],
            [e["l"] for e in episodes],
            collection_s=self.rollout_end - self.rollout_start,
            update_s=time.perf_counter() - self.rollout_end,  # PPO.train and SB3's log dump
        )
        if (iteration + 1) % self.save_interval == 0:
            save_checkpoint(self.model, self.run_dir)


class Sb3Policy(torch.nn.Module):
    """SB3's deterministic action: VecNormalize's observation scaling, the actor's mean, SB3's clip to the bounds."""

    def __init__(self, model: PPO):
        super().__init__()
        policy = model.policy
        self.features = policy.pi_features_extractor
        self.actor = policy.mlp_extractor.policy_net
        self.action_net = policy.action_net
        self.squash = bool(policy.squash_output)
        vec_normalize = model.get_vec_normalize_env()
        self.normalize = vec_normalize is not None and vec_normalize.norm_obs
        if self.normalize:
            self.register_buffer("mean", torch.as_tensor(vec_normalize.obs_rms.mean, dtype=torch.float32))
            scale = np.sqrt(vec_normalize.obs_rms.var + vec_normalize.epsilon)
            self.register_buffer("scale", torch.as_tensor(scale, dtype=torch.float32))
            self.clip_obs = float(vec_normalize.clip_obs)
        self.register_buffer("low", torch.as_tensor(model.action_space.low, dtype=torch.float32))
        self.register_buffer("high", torch.as_tensor(model.action_space.high, dtype=torch.float32))

    def forward(self, obs: torch.Tensor) -> torch.Tensor:
        if self.normalize:
            obs = ((obs - self.mean) / self.scale).clamp(-self.clip_obs, self.clip_obs)
        actions = self.action_net(self.actor(self.features(obs)))
        if self.squash:  # tanh-squashed policies act in [-1, 1], rescaled to the bounds
            return self.low + (torch.tanh(actions) + 1.0) * 0.5 * (self.high - self.low)
        return torch.maximum(torch.minimum(actions, self.high), self.low)


def action_clip(model: PPO) -> float | None:
    """The bound SB3 clips actions to, for the export metadata (None if the bounds are not symmetric)."""
    low, high = model.action_space.low, model.action_space.high
    return float(high.max()) if np.allclose(low, -high) and np.allclose(high, high.max()) else None
