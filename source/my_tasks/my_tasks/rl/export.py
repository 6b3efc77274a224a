# Copyright (c) 2026, The my_tasks Project Developers.
# SPDX-License-Identifier: BSD-3-Clause

"""Export a policy for deployment: ``exported/policy.pt`` (TorchScript), ``policy.onnx`` and ``policy.yaml``.

The exported network maps ``obs`` float32 ``[batch, obs_dim]`` to ``actions`` ``[batch, act_dim]``: the
deterministic action, with the library's observation normalizer inside. The metadata of
:mod:`.metadata` goes into ``policy.yaml``, into the ONNX ``metadata_props`` (JSON-encoded values)
and into the TorchScript archive (``policy.yaml`` extra file).

Each library provides the network (rsl_rl's ``as_jit()`` model, ...); this module writes the files
and checks that both exports compute what the in-memory policy computes.
"""

from __future__ import annotations

import contextlib
import io
import json
import warnings
from pathlib import Path
from typing import Any

import torch
import yaml

PARITY_TOLERANCE = 1e-5
"""Largest absolute difference allowed between an exported policy and the in-memory one."""


def export_run(
    policy: torch.nn.Module,
    *,
    env: Any,
    task: str,
    library: str,
    run_dir: Path,
    observations: torch.Tensor,
    expected_actions: torch.Tensor,
    action_clip: float | None,
    jit: str = "script",
) -> dict[str, float]:
    """Export ``policy`` of a run into ``run_dir/exported`` with the metadata of ``env``, and report it.

    Args:
        policy: Deterministic ``obs -> actions`` module of the library, normalizer included.
        env: The env the policy acts in (any wrapper of it).
        task: Task ID.
        library: RL library that trained the policy.
        run_dir: The run folder of the checkpoint.
        observations: Real observations ``[batch, obs_dim]`` to check parity on.
        expected_actions: The library's own in-memory answer to ``observations``.
        action_clip: Bound the actions are clipped to after the policy, or None.
        jit: ``script`` (TorchScript compiler) or ``trace`` (for modules the compiler cannot read).
    """
    from .metadata import policy_metadata

    info = policy_metadata(
        env,
        task=task,
        library=library,
        obs_dim=observations.shape[-1],
        act_dim=expected_actions.shape[-1],
        action_clip=action_clip,
    )
    exported_dir = run_dir / "exported"
    parity = export_policy(policy, info, exported_dir, observations, expected_actions, jit=jit)
    print(f"[my_tasks] exported to {exported_dir}: policy.pt, policy.onnx, policy.yaml")
    print(f"[my_tasks] parity with the in-memory policy: {parity}")
    return parity


def export_policy(
    policy: torch.nn.Module,
    metadata: dict[str, Any],
    out_dir: Path,
    observations: torch.Tensor,
    expected_actions: torch.Tensor,
    jit: str = "script",
) -> dict[str, float]:
    """Write ``policy.pt``, ``policy.onnx`` and ``policy.yaml`` into ``out_dir`` and check their parity.

    Args:
        policy: Deterministic ``obs -> actions`` module, normalizer included. It is moved to the CPU.
        metadata: The :func:`~my_tasks.rl.metadata.policy_metadata` of the policy.
        out_dir: The ``exported`` folder of the run.
        observations: Observations ``[batch, obs_dim]`` to check parity on (real ones, from the env).
        expected_actions: What the library's in-memory policy answers to ``observations``.
        jit: ``script`` compiles ``policy`` to TorchScript; ``trace`` records it on ``observations``
            (for modules whose Python the compiler cannot read, e.g. skrl's generated models).

    Returns:
        The largest absolute difference of the TorchScript and ONNX outputs from the in-memory policy.

    Raises:
        RuntimeError: If an export differs from the in-memory policy by more than :data:`PARITY_TOLERANCE`.
    """
    policy = policy.to("cpu").eval()
    out_dir.mkdir(parents=True, exist_ok=True)
    # lists of numbers and names on one line each: a robot's metadata stays readable
    metadata_yaml = yaml.safe_dump(metadata, sort_keys=False, default_flow_style=None, width=120)
    (out_dir / "policy.yaml").write_text(metadata_yaml)

    observations = observations.detach().to("cpu", torch.float32)
    if jit == "trace":
        with torch.no_grad():
            scripted = torch.jit.trace(policy, observations[:2].clone(), check_trace=False)
    else:
        scripted = torch.jit.script(policy)
    scripted.save(str(out_dir / "policy.pt"), _extra_files={"policy.yaml": metadata_yaml})
    _export_onnx(policy, metadata, out_dir / "policy.onnx")

    parity = check_parity(out_dir, observations, expected_actions.detach().cpu())
    worst = max(parity.values())
    if worst > PARITY_TOLERANCE:
        raise RuntimeError(f"exported policy differs from the in-memory one by {worst:.2e} (> {PARITY_TOLERANCE})")
    return parity


def _export_onnx(policy: torch.nn.Module, metadata: dict[str, Any], path: Path) -> None:
    import onnx

    example = torch.zeros(2, metadata["obs_dim"])
    # the exporter narrates its passes on stdout and warns about torch internals; neither helps a user here
    with contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)
        # skrl's shared models keep the shared layers' output in an attribute (reused by the value head);
        # the export records it as a constant it never reads back, so the warning says nothing about the policy
        warnings.filterwarnings("ignore", message=".*was assigned during export", category=UserWarning)
        torch.onnx.export(
            policy,
            (example,),
            str(path),
            input_names=["obs"],
            output_names=["actions"],
            dynamic_shapes=({0: torch.export.Dim("batch")},),
            opset_version=18,
            external_data=False,  # one self-contained file
        )
    model = onnx.load(str(path))
    for key, value in metadata.items():
        entry = model.metadata_props.add()
        entry.key = key
        entry.value = value if isinstance(value, str) else json.dumps(value)
    onnx.save(model, str(path))


def check_parity(out_dir: Path, observations: torch.Tensor, expected: torch.Tensor) -> dict[str, float]:
    """Largest absolute differences of ``policy.pt`` (TorchScript) and ``policy.onnx`` from ``expected``."""
    import onnxruntime

    with torch.inference_mode():
        scripted = torch.jit.load(str(out_dir / "policy.pt"))(observations)
    session = onnxruntime.InferenceSession(str(out_dir / "policy.onnx"), providers=["CPUExecutionProvider"])
    onnx_actions = session.run(["actions"], {"obs": observations.numpy()})[0]
    return {
        "torchscript": float((scripted - expected).abs().max()),
        "onnx": float((torch.from_numpy(onnx_actions) - expected).abs().max()),
    }


def load_onnx_metadata(path: Path) -> dict[str, Any]:
    """The metadata stored in an exported ``policy.onnx``, decoded."""
    import onnx

    model = onnx.load(str(path))
    return {entry.key: _decode(entry.value) for entry in model.metadata_props}


def _decode(value: str) -> Any:
    try:
        return json.loads(value)
    except json.JSONDecodeError:
        return value
