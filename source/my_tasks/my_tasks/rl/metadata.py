# Copyright (c) 2026, The my_tasks Project Developers.
# SPDX-License-Identifier: BSD-3-Clause

"""What deployment code must know about an exported policy: its inputs, outputs and how actions are applied."""

from __future__ import annotations

import math
from typing import Any

METADATA_KEYS = (
    "task",
    "library",
    "obs_dim",
    "act_dim",
    "observation_terms",
    "action_terms",
    "joint_names",
    "default_joint_pos",
    "action_scale",
    "action_clip",
    "step_dt",
)


def policy_metadata(
    env: Any, *, task: str, library: str, obs_dim: int, act_dim: int, action_clip: float | None
) -> dict[str, Any]:
    """Describe the policy of ``env`` (any gymnasium wrapper of an Isaac Lab env) for deployment.

    Manager-based envs are read from their observation and action managers. A direct env describes
    itself with a ``policy_metadata()`` method returning ``observation_terms``, ``action_terms``,
    ``joint_names``, ``default_joint_pos`` and ``action_scale``; without one, the policy input and
    output are each described as a single term.

    Args:
        env: The environment the policy acts in.
        task: Task ID.
        library: RL library that trained the policy.
        obs_dim: Size of the exported policy's input.
        act_dim: Size of its output.
        action_clip: Bound the library clips actions to before the env scales them, or None.
    """
    from isaaclab.envs import ManagerBasedRLEnv

    unwrapped = env.unwrapped
    if isinstance(unwrapped, ManagerBasedRLEnv):
        io = _manager_based_io(unwrapped)
    elif hasattr(unwrapped, "policy_metadata"):
        io = unwrapped.policy_metadata()
    else:
        io = {"joint_names": [], "default_joint_pos": [], "action_scale": None}
    # a term list that does not add up to the policy's sizes (e.g. an actor reading several groups) says nothing true
    if sum(term["dim"] for term in io.get("observation_terms", [])) != obs_dim:
        io["observation_terms"] = [{"name": "policy", "dim": obs_dim}]
    if sum(term["dim"] for term in io.get("action_terms", [])) != act_dim:
        io["action_terms"] = [{"name": "actions", "dim": act_dim}]
    scale = io["action_scale"]
    return {
        "task": task,
        "library": library,
        "obs_dim": obs_dim,
        "act_dim": act_dim,
        "observation_terms": io["observation_terms"],
        "action_terms": io["action_terms"],
        "joint_names": list(io["joint_names"]),
        "default_joint_pos": [float(value) for value in io["default_joint_pos"]],
        "action_scale": [float(scale)] * act_dim if isinstance(scale, (int, float)) else scale,
        "action_clip": action_clip,
        "step_dt": float(unwrapped.step_dt),
    }


def _manager_based_io(env: Any) -> dict[str, Any]:
    """Observation terms of the ``policy`` group and the joint actions, read from the env's managers."""
    observation_manager = env.observation_manager
    observation_terms = [
        {"name": name, "dim": math.prod(shape)}
        for name, shape in zip(
            observation_manager.active_terms["policy"], observation_manager.group_obs_term_dim["policy"], strict=True
        )
    ]
    action_manager = env.action_manager
    action_terms, joint_names, default_joint_pos, action_scale = [], [], [], []
    for name, dim in zip(action_manager.active_terms, action_manager.action_term_dim, strict=True):
        action_terms.append({"name": name, "dim": dim})
        term = action_manager.get_term(name)
        scale = getattr(term, "_scale", 1.0)
        action_scale += [float(scale)] * dim if isinstance(scale, (int, float)) else scale[0].tolist()
        if hasattr(term, "_joint_names"):  # joint position, velocity and effort actions
            joint_names += term._joint_names
            default_joint_pos += term._asset.data.default_joint_pos.torch[0, term._joint_ids].tolist()
    return {
        "observation_terms": observation_terms,
        "action_terms": action_terms,
        "joint_names": joint_names,
        "default_joint_pos": default_joint_pos,
        "action_scale": action_scale,
    }
