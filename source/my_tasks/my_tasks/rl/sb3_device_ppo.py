# Copyright (c) 2026, The my_tasks Project Developers.
# SPDX-License-Identifier: BSD-3-Clause

"""Stable-Baselines3's PPO with a rollout that never leaves the env's torch device.

SB3's :meth:`~stable_baselines3.common.on_policy_algorithm.OnPolicyAlgorithm.collect_rollouts` copies the
actions to numpy every step, loops over the envs in Python to bootstrap time-outs and collect finished
episodes, and its :class:`~stable_baselines3.common.buffers.RolloutBuffer` holds numpy arrays that are
copied back to the device for every minibatch. :class:`DeviceRolloutPPO` replaces exactly that, the
collection loop and the buffer, with the same steps on tensors; everything else is SB3's own: the policy,
``PPO.train`` (the update), ``learn``, callbacks, the logger, ``save`` and ``load``.

Same training as SB3's path, step for step: the same calls draw from torch's random generator (actions)
and numpy's (minibatch order), time-outs are bootstrapped from the same terminal observations, GAE is
SB3's recursion. What differs is when, not what: finished episodes reach ``ep_info_buffer`` at the end
of the rollout (one copy to the host) instead of at every step.

The path is chosen by :func:`rollout_on_device`: on a CUDA device unless ``MY_TASKS_SB3_ROLLOUT=host``;
on the CPU only with ``MY_TASKS_SB3_ROLLOUT=device``.
"""

from __future__ import annotations

import os
from collections.abc import Generator

import numpy as np
import torch
from stable_baselines3 import PPO
from stable_baselines3.common.buffers import BaseBuffer, RolloutBuffer
from stable_baselines3.common.callbacks import BaseCallback
from stable_baselines3.common.type_aliases import RolloutBufferSamples

from .errors import EXIT_USAGE, UserError
from .sb3_device_env import ROLLOUT_VARIABLE, TorchSb3VecEnv


def rollout_on_device(device: str, choice: str | None = None) -> bool:
    """Whether SB3 collects rollouts on ``device`` itself: by default on CUDA, see :data:`ROLLOUT_VARIABLE`.

    ``choice`` is the variable's value (default: this process's environment).
    """
    choice = (os.environ.get(ROLLOUT_VARIABLE, "auto") if choice is None else choice).strip().lower() or "auto"
    if choice not in ("auto", "device", "host"):
        raise UserError(f"{ROLLOUT_VARIABLE}={choice!r}: expected auto, device or host", exit_code=EXIT_USAGE)
    return choice == "device" or (choice == "auto" and device.startswith("cuda"))


class TorchRolloutBuffer(RolloutBuffer):
    """SB3's :class:`~stable_baselines3.common.buffers.RolloutBuffer` holding torch tensors on the training device.

    The arrays have SB3's names with a leading underscore; ``values`` and ``returns`` read as numpy copies,
    because ``PPO.train`` logs their explained variance with numpy once per update.
    """

    def reset(self) -> None:
        shape = (self.buffer_size, self.n_envs)
        self._observations = torch.zeros((*shape, *self.obs_shape), dtype=torch.float32, device=self.device)
        self._actions = torch.zeros((*shape, self.action_dim), dtype=torch.float32, device=self.device)
        for name in ("_rewards", "_returns", "_episode_starts", "_values", "_log_probs", "_advantages"):
            setattr(self, name, torch.zeros(shape, dtype=torch.float32, device=self.device))
        self.generator_ready = False
        BaseBuffer.reset(self)  # RolloutBuffer.reset would allocate its numpy arrays

    @property
    def values(self) -> np.ndarray:
        return self._values.cpu().numpy()

    @property
    def returns(self) -> np.ndarray:
        return self._returns.cpu().numpy()

    def add(self, obs, action, reward, episode_start, value, log_prob) -> None:  # noqa: D102
        self._observations[self.pos] = obs
        self._actions[self.pos] = action.reshape(self.n_envs, self.action_dim)
        self._rewards[self.pos] = reward
        self._episode_starts[self.pos] = episode_start
        self._values[self.pos] = value.flatten()
        self._log_probs[self.pos] = log_prob
        self.pos += 1
        self.full = self.pos == self.buffer_size

    def compute_returns_and_advantage(self, last_values: torch.Tensor, dones: torch.Tensor) -> None:  # noqa: D102
        last_gae_lam = torch.zeros(self.n_envs, dtype=torch.float32, device=self.device)
        for step in reversed(range(self.buffer_size)):
            if step == self.buffer_size - 1:
                next_non_terminal = 1.0 - dones.float()
                next_values = last_values.flatten()
            else:
                next_non_terminal = 1.0 - self._episode_starts[step + 1]
                next_values = self._values[step + 1]
            delta = self._rewards[step] + self.gamma * next_values * next_non_terminal - self._values[step]
            last_gae_lam = delta + self.gamma * self.gae_lambda * next_non_terminal * last_gae_lam
            self._advantages[step] = last_gae_lam
        self._returns = self._advantages + self._values

    def get(self, batch_size: int | None = None) -> Generator[RolloutBufferSamples, None, None]:  # noqa: D102
        size = self.buffer_size * self.n_envs
        # numpy draws the order, as in SB3's buffer: the same seed gives the same minibatches
        indices = torch.as_tensor(np.random.permutation(size), device=self.device)
        if not self.generator_ready:
            for name in ("_observations", "_actions", "_values", "_log_probs", "_advantages", "_returns"):
                tensor = getattr(self, name)  # [steps, envs, ...] -> [envs * steps, ...], SB3's order
                setattr(self, name, tensor.transpose(0, 1).reshape(size, *tensor.shape[2:]))
            self.generator_ready = True
        for start in range(0, size, batch_size or size):
            batch = indices[start : start + (batch_size or size)]
            yield RolloutBufferSamples(
                self._observations[batch],
                self._actions[batch],
                self._values[batch],
                self._log_probs[batch],
                self._advantages[batch],
                self._returns[batch],
            )


class DeviceRolloutPPO(PPO):
    """SB3's PPO whose rollout collection keeps observations, actions and rewards on the env's device.

    Takes a :class:`~my_tasks.rl.sb3_device_env.TorchSb3VecEnv`, optionally inside a
    :class:`~my_tasks.rl.sb3_device_env.TorchVecNormalize`; the other arguments are PPO's.
    """

    def __init__(self, policy, env: TorchSb3VecEnv, **kwargs):
        super().__init__(policy, env, rollout_buffer_class=TorchRolloutBuffer, **kwargs)
        # torch checks a distribution's arguments with `.all()`, a wait for the GPU at every step; rsl_rl and
        # skrl switch it off the same way (the values are unchanged)
        torch.distributions.Distribution.set_default_validate_args(False)
        self._action_low = torch.as_tensor(self.action_space.low, device=self.device)
        self._action_high = torch.as_tensor(self.action_space.high, device=self.device)

    def _excluded_save_params(self) -> list[str]:
        # the last observations are device tensors and the buffer class is ours: neither goes into the
        # zip, which is then what SB3's own PPO writes and loads (a resumed run resets the env anyway)
        return [
            *super()._excluded_save_params(),
            "_last_obs",
            "_last_episode_starts",
            "_last_original_obs",
            "rollout_buffer_class",
            "_action_low",
            "_action_high",
        ]

    def collect_rollouts(
        self, env: TorchSb3VecEnv, callback: BaseCallback, rollout_buffer: TorchRolloutBuffer, n_rollout_steps: int
    ) -> bool:
        """SB3's ``collect_rollouts`` on tensors: the same steps, no copy to the host but the episode statistics."""
        self.policy.set_training_mode(False)
        rollout_buffer.reset()
        if self.use_sde:
            self.policy.reset_noise(env.num_envs)
        callback.on_rollout_start()
        finished: list[tuple[torch.Tensor, torch.Tensor, torch.Tensor]] = []
        for n_steps in range(n_rollout_steps):
            if self.use_sde and self.sde_sample_freq > 0 and n_steps % self.sde_sample_freq == 0:
                self.policy.reset_noise(env.num_envs)
            with torch.no_grad():
                actions, values, log_probs = self.policy(self._last_obs)
            if self.policy.squash_output:  # the policy acts in [-1, 1]: rescale to the bounds
                clipped_actions = self._action_low + 0.5 * (actions + 1.0) * (self._action_high - self._action_low)
            else:  # a Gaussian's sample may leave the bounds
                clipped_actions = torch.clamp(actions, self._action_low, self._action_high)
            new_obs, rewards, dones, infos = env.step(clipped_actions)
            self.num_timesteps += env.num_envs
            callback.update_locals(locals())
            if not callback.on_step():
                self._record_episodes(finished)
                return False
            finished.append((dones, infos["episode_return"], infos["episode_length"]))
            # time-outs: bootstrap with the value of the terminal observation (SB3's GitHub issue #633)
            with torch.no_grad():
                terminal_values = self.policy.predict_values(infos["terminal_observation"]).flatten()
            rewards = torch.where(infos["time_limit_truncated"], rewards + self.gamma * terminal_values, rewards)
            # SB3's reset leaves a numpy array here; as_tensor returns a device tensor as it is
            episode_starts = torch.as_tensor(self._last_episode_starts, device=self.device)
            rollout_buffer.add(self._last_obs, actions, rewards, episode_starts, values, log_probs)
            self._last_obs = new_obs
            self._last_episode_starts = dones
        with torch.no_grad():
            values = self.policy.predict_values(new_obs)
        rollout_buffer.compute_returns_and_advantage(last_values=values, dones=dones)
        self._record_episodes(finished)
        callback.update_locals(locals())
        callback.on_rollout_end()
        return True

    def _record_episodes(self, finished: list[tuple[torch.Tensor, torch.Tensor, torch.Tensor]]) -> None:
        """Add the rollout's finished episodes to ``ep_info_buffer`` in SB3's order (step, then env): one copy."""
        if not finished:
            return
        dones, returns, lengths = (torch.stack(column) for column in zip(*finished, strict=True))
        for episode_return, length in torch.stack((returns[dones], lengths[dones]), dim=1).tolist():
            self.ep_info_buffer.append({"r": episode_return, "l": length})
