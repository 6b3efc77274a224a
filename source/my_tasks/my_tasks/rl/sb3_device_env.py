# Copyright (c) 2026, The my_tasks Project Developers.
# SPDX-License-Identifier: BSD-3-Clause

"""Stable-Baselines3's view of an Isaac Lab env, with every tensor left on the env's device.

SB3's VecEnv API is numpy: isaaclab_rl's :class:`~isaaclab_rl.sb3.Sb3VecEnvWrapper` copies observations,
rewards and dones to the host every step, builds a Python dict for each finished env, and SB3's
:class:`~stable_baselines3.common.vec_env.VecNormalize` then normalises in numpy. On a GPU that is most of
an iteration. The two classes here do the same work on torch tensors of the env's device:

* :class:`TorchSb3VecEnv`: the isaaclab_rl wrapper (same spaces, same action handling) whose ``step_wait``
  returns tensors, and one dict of per-env tensors in place of the list of info dicts.
* :class:`TorchVecNormalize`: VecNormalize's statistics and arithmetic on the device. It *is* a
  ``VecNormalize``, so SB3 and :mod:`my_tasks.rl.sb3_agent` find it as ever, and it pickles as SB3's own
  numpy ``VecNormalize``: the ``_vecnormalize.pkl`` of a checkpoint is the same file either way.

They are driven by :class:`~my_tasks.rl.sb3_device_ppo.DeviceRolloutPPO`, which knows the info dict.
"""

from __future__ import annotations

import gymnasium as gym
import numpy as np
import torch
from stable_baselines3.common.running_mean_std import RunningMeanStd
from stable_baselines3.common.vec_env import VecNormalize

from isaaclab_rl.sb3 import Sb3VecEnvWrapper

from .errors import UserError

ROLLOUT_VARIABLE = "MY_TASKS_SB3_ROLLOUT"
"""Environment variable choosing SB3's rollout path: ``auto`` (default), ``device`` or ``host``."""


class TorchSb3VecEnv(Sb3VecEnvWrapper):
    """isaaclab_rl's SB3 wrapper returning torch tensors on the env's device instead of numpy arrays.

    ``step_wait`` returns ``obs, rewards, dones, infos``: the ``"policy"`` observations, the rewards, and
    ``terminated | truncated`` as tensors, and ``infos`` as one dict of ``[num_envs]`` tensors:

    * ``terminal_observation``: the env's ``extras["final_obs"]`` if it computes them, else the observation
      after the reset (the wrapper's fallback); meaningful where ``dones``;
    * ``time_limit_truncated``: ``truncated & ~terminated`` (SB3's ``TimeLimit.truncated``);
    * ``episode_return`` and ``episode_length``: of the episode that ended at this step, where ``dones``.

    Only ``Box`` observation and action spaces are supported (what the numpy wrapper converts images for
    has no use here).
    """

    def __init__(self, env: gym.Env):
        super().__init__(env, fast_variant=True)
        if not isinstance(self.observation_space, gym.spaces.Box) or not isinstance(self.action_space, gym.spaces.Box):
            raise UserError(
                "SB3's device rollout supports Box observation and action spaces only: "
                f"set {ROLLOUT_VARIABLE}=host for SB3's own rollout"
            )
        # the episode sums, as the numpy wrapper keeps them (float64), on the device
        self._ep_rew_buf = torch.zeros(self.num_envs, dtype=torch.float64, device=self.sim_device)
        self._ep_len_buf = torch.zeros(self.num_envs, dtype=torch.float64, device=self.sim_device)

    def reset(self) -> torch.Tensor:
        obs_dict, _ = self.env.reset()
        self._ep_rew_buf.zero_()
        self._ep_len_buf.zero_()
        return obs_dict["policy"]

    def step_wait(self) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor, dict[str, torch.Tensor]]:
        obs_dict, rewards, terminated, truncated, extras = self.env.step(self._async_actions)
        obs = obs_dict["policy"]
        dones = terminated | truncated
        self._ep_rew_buf += rewards
        self._ep_len_buf += 1
        infos = {
            "terminal_observation": extras["final_obs"]["policy"] if "final_obs" in extras else obs,
            "time_limit_truncated": truncated & ~terminated,
            "episode_return": self._ep_rew_buf.clone(),
            "episode_length": self._ep_len_buf.clone(),
        }
        self._ep_rew_buf.masked_fill_(dones, 0.0)
        self._ep_len_buf.masked_fill_(dones, 0.0)
        return obs, rewards, dones, infos


class TorchRunningMeanStd:
    """SB3's :class:`~stable_baselines3.common.running_mean_std.RunningMeanStd` on torch tensors (float64).

    The same parallel update of mean, variance and count; the count is a tensor too, so that an update
    never waits for the device.
    """

    def __init__(self, mean: torch.Tensor, var: torch.Tensor, count: torch.Tensor):
        self.mean, self.var, self.count = mean, var, count

    @classmethod
    def from_numpy(cls, statistics: RunningMeanStd, device: str | torch.device) -> TorchRunningMeanStd:
        def to_device(value) -> torch.Tensor:
            return torch.as_tensor(np.asarray(value, dtype=np.float64), device=device)

        return cls(to_device(statistics.mean), to_device(statistics.var), to_device(statistics.count))

    def to_numpy(self) -> RunningMeanStd:
        statistics = RunningMeanStd(shape=tuple(self.mean.shape))
        statistics.mean = self.mean.cpu().numpy()
        statistics.var = self.var.cpu().numpy()
        statistics.count = float(self.count)
        return statistics

    def update(self, batch: torch.Tensor) -> None:
        batch_var, batch_mean = torch.var_mean(batch.double(), dim=0, unbiased=False)
        batch_count = batch.shape[0]
        delta = batch_mean - self.mean
        total = self.count + batch_count
        self.mean = self.mean + delta * batch_count / total
        m_2 = self.var * self.count + batch_var * batch_count + delta.square() * self.count * batch_count / total
        self.var = m_2 / total
        self.count = total


class TorchVecNormalize(VecNormalize):
    """SB3's VecNormalize computed on the device of a :class:`TorchSb3VecEnv`.

    The same steps in the same order as SB3's (update the statistics, normalise the observations, the
    reward and the terminal observations, clear the returns of finished envs), in float64 like SB3's numpy.
    One difference: the statistics of the returns, which only normalise rewards, are kept only when
    rewards are normalised (``norm_reward``), not at every step regardless, as SB3 does.
    ``obs_rms`` and ``ret_rms`` read as SB3's numpy ``RunningMeanStd`` (a copy: assign to them, as
    checkpoint loading does, to change the statistics).
    """

    def __init__(self, venv: TorchSb3VecEnv, **kwargs):
        self.device = venv.sim_device  # before VecNormalize.__init__, which assigns obs_rms and ret_rms
        super().__init__(venv, **kwargs)
        self.returns = torch.zeros(self.num_envs, dtype=torch.float64, device=self.device)

    @property
    def obs_rms(self) -> RunningMeanStd:
        return self._obs_statistics.to_numpy()

    @obs_rms.setter
    def obs_rms(self, statistics: RunningMeanStd) -> None:
        self._obs_statistics = TorchRunningMeanStd.from_numpy(statistics, self.device)

    @property
    def ret_rms(self) -> RunningMeanStd:
        return self._ret_statistics.to_numpy()

    @ret_rms.setter
    def ret_rms(self, statistics: RunningMeanStd) -> None:
        self._ret_statistics = TorchRunningMeanStd.from_numpy(statistics, self.device)

    def reset(self) -> torch.Tensor:
        obs = self.venv.reset()
        self.old_obs = obs
        self.returns = torch.zeros_like(self.returns)
        if self.training and self.norm_obs:
            self._obs_statistics.update(obs)
        return self.normalize_obs(obs)

    def step_wait(self) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor, dict[str, torch.Tensor]]:
        obs, rewards, dones, infos = self.venv.step_wait()
        self.old_obs, self.old_reward = obs, rewards
        if self.training and self.norm_obs:
            self._obs_statistics.update(obs)
        obs = self.normalize_obs(obs)
        if self.training and self.norm_reward:
            self.returns = self.returns * self.gamma + rewards
            self._ret_statistics.update(self.returns)
        rewards = self.normalize_reward(rewards)
        infos["terminal_observation"] = self.normalize_obs(infos["terminal_observation"])
        if self.norm_reward:
            self.returns = self.returns.masked_fill(dones, 0.0)
        return obs, rewards, dones, infos

    def normalize_obs(self, obs: torch.Tensor) -> torch.Tensor:
        if not self.norm_obs:
            return obs
        statistics = self._obs_statistics
        scaled = (obs.double() - statistics.mean) / torch.sqrt(statistics.var + self.epsilon)
        return scaled.clamp(-self.clip_obs, self.clip_obs).float()

    def normalize_reward(self, reward: torch.Tensor) -> torch.Tensor:
        if self.norm_reward:
            scaled = reward.double() / torch.sqrt(self._ret_statistics.var + self.epsilon)
            reward = scaled.clamp(-self.clip_reward, self.clip_reward)
        return reward.float()

    def __getstate__(self) -> dict:
        state = super().__getstate__()
        for device_only in ("device", "_obs_statistics", "_ret_statistics"):
            del state[device_only]
        state.update(obs_rms=self.obs_rms, ret_rms=self.ret_rms, old_obs=np.array([]), old_reward=np.array([]))
        return state

    def __reduce__(self):
        # pickled as SB3's own VecNormalize (numpy statistics): the checkpoint loads wherever SB3 runs
        return object.__new__, (VecNormalize,), self.__getstate__()
