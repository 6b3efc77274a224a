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
        "action_clip": None,
        "step_dt": 0.02,
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
