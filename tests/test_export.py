# Copyright (c) 2026, The my_tasks Project Developers.
# SPDX-License-Identifier: BSD-3-Clause

"""Export of an rsl_rl policy with a trained observation normalizer: files, metadata and parity."""

from __future__ import annotations

import onnxruntime
import pytest
import torch
import yaml
from rsl_rl.models import MLPModel
from tensordict import TensorDict

from my_tasks.rl import export
from my_tasks.rl.metadata import METADATA_KEYS

pytestmark = pytest.mark.unit

OBS_DIM, ACT_DIM = 6, 2


@pytest.fixture
def actor() -> MLPModel:
    """An rsl_rl actor whose normalizer has seen observations far from zero mean and unit variance."""
    torch.manual_seed(0)
    obs = TensorDict({"policy": torch.zeros(1, OBS_DIM)}, batch_size=[1])
    model = MLPModel(
        obs,
        {"actor": ["policy"]},
        "actor",
        ACT_DIM,
        hidden_dims=[16, 16],
        obs_normalization=True,
        distribution_cfg={"class_name": "GaussianDistribution", "init_std": 1.0},
    )
    for _ in range(5):
        model.update_normalization(TensorDict({"policy": 5 + 3 * torch.randn(256, OBS_DIM)}, batch_size=[256]))
    assert model.obs_normalizer._mean.abs().min() > 1  # a normalizer that matters
    return model.eval()


@pytest.fixture
def info() -> dict:
    return {
        "task": "Toy",
        "library": "rsl_rl",
        "obs_dim": OBS_DIM,
        "act_dim": ACT_DIM,
        "observation_terms": [{"name": "a", "dim": 4}, {"name": "b", "dim": 2}],
        "action_terms": [{"name": "joint_pos", "dim": 2}],
        "joint_names": ["j1", "j2"],
        "default_joint_pos": [0.1, -0.2],
        "action_scale": [0.5, 0.5],
        "action_offset": [0.1, -0.2],
        "action_clip": None,
        "joint_stiffness": [25.0, 25.0],
        "joint_damping": [0.5, 0.5],
        "joint_effort_limit": [23.7, 45.43],
        "joint_armature": [0.0045, 0.0165],
        "commands": [{"name": "base_velocity", "layout": ["lin_vel_x", "lin_vel_y", "ang_vel_z"]}],
        "step_dt": 0.02,
        "physics_dt": 0.005,
    }


def observations(batch: int) -> torch.Tensor:
    return 5 + 3 * torch.randn(batch, OBS_DIM)


def test_exports_match_the_in_memory_policy(actor, info, tmp_path):
    obs = observations(64)
    with torch.inference_mode():
        expected = actor(TensorDict({"policy": obs}, batch_size=[64]))
    parity = export.export_policy(actor.as_jit(), info, tmp_path, obs, expected)
    assert max(parity.values()) <= export.PARITY_TOLERANCE
    assert {path.name for path in tmp_path.iterdir()} == {"policy.pt", "policy.onnx", "policy.yaml"}

    # independent of the exporter's own check: fresh observations, any batch size
    scripted = torch.jit.load(str(tmp_path / "policy.pt"))
    session = onnxruntime.InferenceSession(str(tmp_path / "policy.onnx"))
    assert [i.name for i in session.get_inputs()] == ["obs"] and [o.name for o in session.get_outputs()] == ["actions"]
    for batch in (1, 7):
        fresh = observations(batch)
        with torch.inference_mode():
            reference = actor(TensorDict({"policy": fresh}, batch_size=[batch]))
        assert torch.allclose(scripted(fresh), reference, atol=1e-5)
        onnx_actions = torch.from_numpy(session.run(None, {"obs": fresh.numpy()})[0])
        assert onnx_actions.shape == (batch, ACT_DIM) and torch.allclose(onnx_actions, reference, atol=1e-5)


def test_metadata_is_in_every_exported_file(actor, info, tmp_path):
    obs = observations(8)
    with torch.inference_mode():
        expected = actor(TensorDict({"policy": obs}, batch_size=[8]))
    export.export_policy(actor.as_jit(), info, tmp_path, obs, expected)
    assert yaml.safe_load((tmp_path / "policy.yaml").read_text()) == info
    assert export.load_onnx_metadata(tmp_path / "policy.onnx") == info
    extra_files = {"policy.yaml": ""}
    torch.jit.load(str(tmp_path / "policy.pt"), _extra_files=extra_files)
    assert yaml.safe_load(extra_files["policy.yaml"]) == info
    assert set(info) == set(METADATA_KEYS)


def test_an_export_that_differs_from_the_policy_is_refused(actor, info, tmp_path):
    obs = observations(8)
    with torch.inference_mode():
        wrong = actor(TensorDict({"policy": obs}, batch_size=[8])) + 1e-3
    with pytest.raises(RuntimeError, match="differs from the in-memory one"):
        export.export_policy(actor.as_jit(), info, tmp_path, obs, wrong)


class _BoxEnv:
    """The spaces of a policy with OBS_DIM observations and ACT_DIM actions in [-1, 1] (no simulation)."""

    def __init__(self):
        import gymnasium

        self.observation_space = gymnasium.spaces.Box(-float("inf"), float("inf"), (OBS_DIM,))
        self.action_space = gymnasium.spaces.Box(-1.0, 1.0, (ACT_DIM,))
        self.state_space = None
        self.device = "cpu"
        self.num_envs = 4


def test_skrl_export_bakes_in_the_observation_preprocessor(info, tmp_path):
    """The deterministic skrl action (agent.act's mean) on raw observations, with its RunningStandardScaler."""
    from my_tasks.rl import skrl_agent

    torch.manual_seed(0)
    env = _BoxEnv()
    models_cfg = yaml.safe_load(_SKRL_MODELS)
    agent_cfg = {"class": "PPO", "rollouts": 4, "observation_preprocessor": "RunningStandardScaler"}
    agent = skrl_agent.PPO(
        models=skrl_agent.build_models(env, models_cfg),
        observation_space=env.observation_space,
        state_space=None,
        action_space=env.action_space,
        device="cpu",
        cfg=skrl_agent.ppo_cfg(agent_cfg, env, run_dir=None),
    )
    for _ in range(5):  # statistics far from zero mean and unit variance
        agent._observation_preprocessor(observations(256), train=True)
    assert agent._observation_preprocessor.running_mean.abs().min() > 1
    agent.enable_training_mode(False, apply_to_models=True)
    obs = observations(64)
    with torch.inference_mode():
        _, outputs = agent.act(obs, None, timestep=0, timesteps=0)
    parity = export.export_policy(
        skrl_agent.SkrlPolicy(agent), info, tmp_path, obs, outputs["mean_actions"], jit="trace"
    )
    assert max(parity.values()) <= export.PARITY_TOLERANCE
    fresh = observations(7)  # another batch size than the one traced
    with torch.inference_mode():
        _, outputs = agent.act(fresh, None, timestep=0, timesteps=0)
    assert torch.allclose(torch.jit.load(str(tmp_path / "policy.pt"))(fresh), outputs["mean_actions"], atol=1e-5)
    # without the preprocessor the answer would differ: the export really contains it
    with torch.inference_mode():
        raw, _ = agent.policy.compute({"observations": fresh, "states": None}, role="policy")
    assert not torch.allclose(raw, outputs["mean_actions"], atol=1e-3)


_SKRL_MODELS = """
separate: False
policy:
  class: GaussianMixin
  network: [{name: net, input: OBSERVATIONS, layers: [16, 16], activations: elu}]
  output: ACTIONS
value:
  class: DeterministicMixin
  network: [{name: net, input: OBSERVATIONS, layers: [16, 16], activations: elu}]
  output: ONE
"""


def test_sb3_export_bakes_in_vecnormalize_and_the_action_clip(info, tmp_path):
    """SB3's predict() on normalised observations equals the export on raw ones, clip to the bounds included."""
    import gymnasium
    import numpy as np
    from stable_baselines3 import PPO
    from stable_baselines3.common.vec_env import DummyVecEnv, VecNormalize

    from my_tasks.rl import sb3_agent

    class Box(gymnasium.Env):
        observation_space = gymnasium.spaces.Box(-np.inf, np.inf, (OBS_DIM,), np.float32)
        action_space = gymnasium.spaces.Box(-1.0, 1.0, (ACT_DIM,), np.float32)

    vec_env = VecNormalize(DummyVecEnv([Box]), norm_obs=True, norm_reward=False, clip_obs=5.0)
    vec_env.obs_rms.mean = np.full(OBS_DIM, 5.0)
    vec_env.obs_rms.var = np.full(OBS_DIM, 9.0)
    vec_env.training = False
    model = PPO("MlpPolicy", vec_env, policy_kwargs={"net_arch": [16, 16], "log_std_init": 0.0}, device="cpu", seed=0)
    with torch.no_grad():
        model.policy.action_net.weight.normal_(0.0, 1.5)  # actions beyond [-1, 1] too, so that SB3's clip matters
    obs = observations(64).numpy()
    expected, _ = model.predict(vec_env.normalize_obs(obs), deterministic=True)
    assert (np.abs(expected) == 1.0).any() and (np.abs(expected) < 1.0).any()
    parity = export.export_policy(
        sb3_agent.Sb3Policy(model), info, tmp_path, torch.from_numpy(obs), torch.from_numpy(expected), jit="trace"
    )
    assert max(parity.values()) <= export.PARITY_TOLERANCE
    assert sb3_agent.action_clip(model) == 1.0
