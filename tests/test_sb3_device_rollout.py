# Copyright (c) 2026, The my_tasks Project Developers.
# SPDX-License-Identifier: BSD-3-Clause

"""SB3's device rollout (my_tasks.rl.sb3_device_*) trains as SB3's own numpy path does, with the same files.

A toy Isaac Lab env (a point mass on a rail, pure torch, no simulation) stands in for a task so that both
paths can train side by side in a few seconds; tests/test_sb3_device_workflow.py runs the real scripts.
"""

from __future__ import annotations

import io
import pickle
import zipfile

import gymnasium as gym
import numpy as np
import pytest
import torch
from stable_baselines3 import PPO
from stable_baselines3.common.vec_env import VecNormalize

from isaaclab.envs import DirectRLEnv

from isaaclab_rl.sb3 import Sb3VecEnvWrapper

from my_tasks.rl import export, sb3_agent
from my_tasks.rl.sb3_device_env import TorchSb3VecEnv, TorchVecNormalize
from my_tasks.rl.sb3_device_ppo import DeviceRolloutPPO, TorchRolloutBuffer, rollout_on_device

pytestmark = pytest.mark.unit

NUM_ENVS, N_STEPS, ITERATIONS = 8, 16, 3
PPO_KWARGS = {"n_steps": N_STEPS, "batch_size": 32, "n_epochs": 2, "policy_kwargs": {"net_arch": [16, 16]}}


class PointMassEnv(DirectRLEnv):
    """A point mass pushed along a rail: ends when it leaves the rail (terminated) or after 12 steps (truncated).

    Only what the SB3 wrappers use of an Isaac Lab env; resets draw from the env's own generator, so both
    rollout paths see the same episodes.
    """

    num_envs = NUM_ENVS
    device = "cpu"
    render_mode = None
    single_observation_space = gym.spaces.Dict({"policy": gym.spaces.Box(-np.inf, np.inf, (3,), np.float32)})
    single_action_space = gym.spaces.Box(-np.inf, np.inf, (1,), np.float32)

    def __init__(self):  # no simulation: DirectRLEnv.__init__ would start one
        self.generator = torch.Generator().manual_seed(0)
        self.position = torch.zeros(NUM_ENVS)
        self.velocity = torch.zeros(NUM_ENVS)
        self.steps = torch.zeros(NUM_ENVS)

    def _reset(self, mask: torch.Tensor) -> None:
        self.position = torch.where(mask, torch.rand(NUM_ENVS, generator=self.generator) - 0.5, self.position)
        self.velocity = torch.where(mask, torch.zeros(NUM_ENVS), self.velocity)
        self.steps = torch.where(mask, torch.zeros(NUM_ENVS), self.steps)

    def _observations(self) -> dict:
        # far from zero mean and unit variance, so that the normaliser matters
        return {"policy": torch.stack((5 + self.position, 3 * self.velocity - 2, self.steps), dim=1)}

    def reset(self, seed=None, options=None):
        self._reset(torch.ones(NUM_ENVS, dtype=torch.bool))
        return self._observations(), {}

    def step(self, action: torch.Tensor):
        self.velocity = self.velocity + 0.2 * action[:, 0]
        self.position = self.position + 0.2 * self.velocity
        self.steps += 1
        reward = 1.0 - self.position.square()
        terminated = self.position.abs() > 1.0
        truncated = (self.steps >= 12) & ~terminated
        self._reset(terminated | truncated)
        return self._observations(), reward, terminated, truncated, {}

    def seed(self, seed=None):
        return seed

    def close(self):
        pass


def train(on_device: bool, iterations: int = ITERATIONS) -> PPO:
    """PPO on the toy env through SB3's own path or the device path, from the same seed."""
    if on_device:
        env = TorchVecNormalize(TorchSb3VecEnv(PointMassEnv()), norm_reward=False, clip_obs=5.0)
        model = DeviceRolloutPPO("MlpPolicy", env, device="cpu", seed=3, **PPO_KWARGS)
    else:
        env = VecNormalize(Sb3VecEnvWrapper(PointMassEnv()), norm_reward=False, clip_obs=5.0)
        model = PPO("MlpPolicy", env, device="cpu", seed=3, **PPO_KWARGS)
    return model.learn(total_timesteps=iterations * N_STEPS * NUM_ENVS)


@pytest.fixture(scope="module")
def host_model() -> PPO:
    return train(on_device=False)


@pytest.fixture(scope="module")
def device_model() -> DeviceRolloutPPO:
    return train(on_device=True)


def test_the_device_path_trains_like_sb3s_own(host_model, device_model):
    assert isinstance(device_model.rollout_buffer, TorchRolloutBuffer)
    assert device_model.num_timesteps == host_model.num_timesteps == ITERATIONS * N_STEPS * NUM_ENVS
    assert device_model._n_updates == host_model._n_updates
    # the same episodes, in the same order
    host_episodes = [(e["r"], e["l"]) for e in host_model.ep_info_buffer]
    device_episodes = [(e["r"], e["l"]) for e in device_model.ep_info_buffer]
    assert len(device_episodes) == len(host_episodes) > NUM_ENVS
    np.testing.assert_allclose(device_episodes, host_episodes, rtol=1e-4, atol=1e-4)
    # the same normaliser statistics and the same network after three updates
    host_rms, device_rms = host_model.get_vec_normalize_env().obs_rms, device_model.get_vec_normalize_env().obs_rms
    assert device_rms.count == pytest.approx(host_rms.count) and device_rms.count > ITERATIONS * N_STEPS * NUM_ENVS
    np.testing.assert_allclose(device_rms.mean, host_rms.mean, rtol=1e-5)
    np.testing.assert_allclose(device_rms.var, host_rms.var, rtol=1e-5)
    host_parameters, device_parameters = host_model.policy.state_dict(), device_model.policy.state_dict()
    for name, value in host_parameters.items():
        torch.testing.assert_close(device_parameters[name], value, rtol=1e-4, atol=1e-5, msg=name)


def test_the_normaliser_scales_observations_and_rewards_as_sb3s():
    host = VecNormalize(Sb3VecEnvWrapper(PointMassEnv()), norm_reward=True, clip_obs=5.0, clip_reward=3.0)
    device = TorchVecNormalize(TorchSb3VecEnv(PointMassEnv()), norm_reward=True, clip_obs=5.0, clip_reward=3.0)
    np.testing.assert_allclose(device.reset().numpy(), host.reset(), rtol=1e-5, atol=1e-6)
    ended = 0
    for step in range(30):
        actions = torch.sin(torch.arange(NUM_ENVS, dtype=torch.float32) + step).unsqueeze(1)
        host_obs, host_rewards, host_dones, host_infos = host.step(actions.numpy())
        device_obs, device_rewards, device_dones, device_infos = device.step(actions)
        np.testing.assert_allclose(device_obs.numpy(), host_obs, rtol=1e-5, atol=1e-6)
        np.testing.assert_allclose(device_rewards.numpy(), host_rewards, rtol=1e-5, atol=1e-6)
        assert np.array_equal(device_dones.numpy(), host_dones)
        ended += host_dones.sum()
        for index in np.flatnonzero(host_dones):  # finished episodes: their terminal observations and sums
            terminal = device_infos["terminal_observation"][index].numpy()
            np.testing.assert_allclose(terminal, host_infos[index]["terminal_observation"], rtol=1e-5, atol=1e-6)
            assert device_infos["episode_length"][index] == host_infos[index]["episode"]["l"]
            assert device_infos["episode_return"][index].item() == pytest.approx(host_infos[index]["episode"]["r"])
    assert ended > NUM_ENVS
    np.testing.assert_allclose(device.ret_rms.var, host.ret_rms.var, rtol=1e-5)


def test_the_buffer_keeps_sb3s_shapes(device_model):
    buffer = device_model.rollout_buffer
    samples = next(buffer.get(batch_size=32))
    assert samples.observations.shape == (32, 3) and samples.actions.shape == (32, 1)
    assert all(tensor.shape == (32,) for tensor in samples[2:])
    assert buffer.values.shape == buffer.returns.shape == (N_STEPS * NUM_ENVS,)  # numpy, for SB3's logs


def test_a_checkpoint_is_sb3s_own_files_and_resumes(device_model, tmp_path):
    path = sb3_agent.save_checkpoint(device_model, tmp_path)
    # the normaliser pickles as SB3's VecNormalize and the zip names nothing of ours: plain SB3 reads both
    statistics = pickle.loads(sb3_agent.normalizer_path(path).read_bytes())
    assert type(statistics) is VecNormalize
    assert statistics.obs_rms.count == device_model.get_vec_normalize_env().obs_rms.count
    with zipfile.ZipFile(path) as archive:
        assert b"my_tasks" not in archive.read("data")
    PPO.load(path, device="cpu")
    # a new device-path model resumes from it: weights, timestep count and normaliser continue
    resumed = DeviceRolloutPPO(
        "MlpPolicy",
        TorchVecNormalize(TorchSb3VecEnv(PointMassEnv()), norm_reward=False, clip_obs=5.0),
        device="cpu",
        seed=4,
        **PPO_KWARGS,
    )
    sb3_agent.load_checkpoint(resumed, path)
    assert resumed.num_timesteps == device_model.num_timesteps
    saved_count = resumed.get_vec_normalize_env().obs_rms.count
    assert saved_count == device_model.get_vec_normalize_env().obs_rms.count
    resumed.learn(total_timesteps=N_STEPS * NUM_ENVS, reset_num_timesteps=False)
    assert sb3_agent.iteration_of(resumed) == ITERATIONS
    assert resumed.get_vec_normalize_env().obs_rms.count > saved_count + N_STEPS * NUM_ENVS


def test_the_export_of_a_device_trained_policy_matches_sb3s_predict(device_model, tmp_path):
    normalizer = device_model.get_vec_normalize_env()
    raw_obs = (5 + 2 * torch.randn(32, 3)).numpy()
    expected, _ = device_model.predict(normalizer.normalize_obs(torch.from_numpy(raw_obs)).numpy(), deterministic=True)
    info = {"task": "Toy", "library": "sb3", "obs_dim": 3, "act_dim": 1}
    info |= {"observation_terms": [{"name": "state", "dim": 3}], "action_terms": [{"name": "push", "dim": 1}]}
    info |= {"joint_names": ["rail"], "default_joint_pos": [0.0], "action_scale": [1.0], "action_clip": 1.0}
    info |= {"step_dt": 0.02}
    parity = export.export_policy(
        sb3_agent.Sb3Policy(device_model),
        info,
        tmp_path,
        torch.from_numpy(raw_obs),
        torch.from_numpy(expected),
        jit="trace",
    )
    assert max(parity.values()) <= export.PARITY_TOLERANCE


def test_the_path_is_chosen_by_device_unless_the_variable_says(monkeypatch):
    monkeypatch.delenv("MY_TASKS_SB3_ROLLOUT", raising=False)
    assert rollout_on_device("cuda:0") and not rollout_on_device("cpu")
    monkeypatch.setenv("MY_TASKS_SB3_ROLLOUT", "device")
    assert rollout_on_device("cpu")
    monkeypatch.setenv("MY_TASKS_SB3_ROLLOUT", "host")
    assert not rollout_on_device("cuda:0")
    monkeypatch.setenv("MY_TASKS_SB3_ROLLOUT", "gpu")
    with pytest.raises(Exception, match="expected auto, device or host"):
        rollout_on_device("cpu")


def test_the_normaliser_pickle_round_trips_through_bytes(device_model):
    buffer = io.BytesIO()
    pickle.dump(device_model.get_vec_normalize_env(), buffer)
    assert type(pickle.loads(buffer.getvalue())) is VecNormalize
