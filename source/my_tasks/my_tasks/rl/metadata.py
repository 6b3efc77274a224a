# Copyright (c) 2026, The my_tasks Project Developers.
# SPDX-License-Identifier: BSD-3-Clause

"""What deployment code must know about an exported policy: its inputs, outputs and how actions are applied.

A robot-side runner rebuilds the policy's observation from raw robot state and turns the policy's output
into joint targets with this metadata alone (``docs/export.md`` has the contract, ``scripts/deploy/`` a
runner that reads nothing else). Manager-based envs are read from their managers; direct envs describe
themselves with a ``policy_metadata()`` method.
"""

from __future__ import annotations

import dataclasses
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
    "action_offset",
    "action_clip",
    "joint_stiffness",
    "joint_damping",
    "joint_effort_limit",
    "joint_armature",
    "commands",
    "step_dt",
    "physics_dt",
)
"""Every key of the metadata, in the order it is written."""

ACTION_MEANINGS = {
    "JointPositionAction": "joint position target [rad or m] = action_offset + action_scale * action",
    "RelativeJointPositionAction": "joint position target = current joint position + action_scale * action",
    "JointVelocityAction": "joint velocity target = action_offset + action_scale * action",
    "JointEffortAction": "joint effort [N m or N] = action_offset + action_scale * action",
    "BinaryJointPositionAction": "one value: < 0 closes the gripper (close_command_expr), >= 0 opens it",
    "DifferentialInverseKinematicsAction": (
        "end-effector target of body_name in the robot's base frame, solved to joint position targets by "
        "differential IK; pose: position [m] + quaternion (x, y, z, w); relative pose: position delta [m] + "
        "axis-angle rotation delta [rad]; each element is action_offset + action_scale * action"
    ),
}
"""What an action term's values mean, by the action class (``type`` in ``action_terms``)."""


def policy_metadata(
    env: Any, *, task: str, library: str, obs_dim: int, act_dim: int, action_clip: float | None
) -> dict[str, Any]:
    """Describe the policy of ``env`` (any gymnasium wrapper of an Isaac Lab env) for deployment.

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
    joint_names = list(io["joint_names"])
    metadata = {
        "task": task,
        "library": library,
        "obs_dim": obs_dim,
        "act_dim": act_dim,
        "observation_terms": io["observation_terms"],
        "action_terms": io["action_terms"],
        "joint_names": joint_names,
        "default_joint_pos": _floats(io["default_joint_pos"]),
        "action_scale": _floats([scale] * act_dim if isinstance(scale, (int, float)) else scale),
        "action_offset": _floats(io.get("action_offset", [0.0] * act_dim)),
        "action_clip": action_clip,
        **joint_properties(_articulation_of(unwrapped, joint_names), joint_names),
        "commands": io.get("commands", []),
        "step_dt": float(unwrapped.step_dt),
        "physics_dt": float(unwrapped.physics_dt),
    }
    return {key: metadata[key] for key in METADATA_KEYS}


def joint_properties(robot: Any, joint_names: list[str]) -> dict[str, list[float] | None]:
    """PD gains, effort limits and armature of ``joint_names`` on ``robot``, in that order (None without a robot).

    Gains come from the actuator configs: with explicit actuators (DC motors, ...) the simulation's own joint
    gains are zero and the actuator model holds them. A config value of None means the USD's, read from the sim.
    """
    keys = ("joint_stiffness", "joint_damping", "joint_effort_limit", "joint_armature")
    if robot is None or not joint_names:
        return dict.fromkeys(keys)
    from isaaclab.utils.string import resolve_matching_names, resolve_matching_names_values

    index = {name: i for i, name in enumerate(robot.joint_names)}
    data = robot.data
    values = {
        "joint_stiffness": data.joint_stiffness.torch[0].tolist(),
        "joint_damping": data.joint_damping.torch[0].tolist(),
        "joint_effort_limit": data.joint_effort_limits.torch[0].tolist(),
        "joint_armature": data.joint_armature.torch[0].tolist(),
    }
    config_fields = {
        "joint_stiffness": ("stiffness",),
        "joint_damping": ("damping",),
        "joint_effort_limit": ("actuator_effort_limit", "joint_effort_limit", "effort_limit", "effort_limit_sim"),
        "joint_armature": ("armature",),
    }
    for actuator in robot.cfg.actuators.values():
        _, names = resolve_matching_names(actuator.joint_names_expr, robot.joint_names, preserve_order=True)
        for key, fields in config_fields.items():
            setting = next((getattr(actuator, f) for f in fields if getattr(actuator, f, None) is not None), None)
            if isinstance(setting, (int, float)):
                for name in names:
                    values[key][index[name]] = float(setting)
            elif isinstance(setting, dict):
                _, matched, numbers = resolve_matching_names_values(setting, names)
                for name, number in zip(matched, numbers, strict=True):
                    values[key][index[name]] = float(number)
    return {key: _floats([values[key][index[name]] for name in joint_names]) for key in keys}


def _articulation_of(env: Any, joint_names: list[str]) -> Any:
    """The scene's articulation that has all of ``joint_names`` (the robot the policy drives), or None."""
    for articulation in env.scene.articulations.values():
        if joint_names and set(joint_names) <= set(articulation.joint_names):
            return articulation
    return None


def _manager_based_io(env: Any) -> dict[str, Any]:
    """Observation terms of the ``policy`` group, the action terms and the commands, read from the env's managers."""
    observation_manager = env.observation_manager
    observation_terms = [
        {"name": name, "dim": math.prod(shape), **_observation_term(cfg, env)}
        for name, shape, cfg in zip(
            observation_manager.active_terms["policy"],
            observation_manager.group_obs_term_dim["policy"],
            observation_manager._group_obs_term_cfgs["policy"],
            strict=True,
        )
    ]
    action_manager = env.action_manager
    action_terms, joint_names, default_joint_pos, action_scale, action_offset = [], [], [], [], []
    for name, dim in zip(action_manager.active_terms, action_manager.action_term_dim, strict=True):
        term = action_manager.get_term(name)
        action_terms.append(_action_term(name, dim, term))
        action_scale += _per_element(getattr(term, "_scale", 1.0), dim)
        action_offset += _per_element(getattr(term, "_offset", 0.0), dim)
        asset = getattr(term, "_asset", None)
        for joint in getattr(term, "_joint_names", []):  # the joints this term drives (an arm, a gripper)
            if joint not in joint_names and hasattr(asset, "joint_names"):
                joint_names.append(joint)
                default_joint_pos.append(asset.data.default_joint_pos.torch[0, asset.joint_names.index(joint)].item())
    return {
        "observation_terms": observation_terms,
        "action_terms": action_terms,
        "joint_names": joint_names,
        "default_joint_pos": default_joint_pos,
        "action_scale": action_scale,
        "action_offset": action_offset,
        "commands": [_command(name, env.command_manager.get_term(name)) for name in env.command_manager.active_terms],
    }


def _observation_term(cfg: Any, env: Any) -> dict[str, Any]:
    """How the env computes one observation term: the function, its inputs, clip, then scale, then history."""
    func = cfg.func.__name__ if hasattr(cfg.func, "__name__") else type(cfg.func).__name__
    params = {key: _plain(value, env) for key, value in cfg.params.items()}
    for value in params.values():  # the joint order matters to joint terms only: keep the others short
        if isinstance(value, dict) and "joint_names" in value and not func.startswith("joint"):
            del value["joint_names"]
    described = {
        "func": func,
        "params": params,
        "clip": list(cfg.clip) if cfg.clip is not None else None,
        "scale": _plain(cfg.scale, env),
        "history_length": int(cfg.history_length),
    }
    if func in ("joint_pos_rel", "joint_vel_rel"):  # they subtract the default joint positions or velocities
        entity = cfg.params["asset_cfg"]
        data = env.scene[entity.name].data
        default = data.default_joint_pos if func == "joint_pos_rel" else data.default_joint_vel
        described["offset"] = _floats(default.torch[0, entity.joint_ids].tolist())
    if cfg.modifiers:
        described["modifiers"] = [getattr(m.func, "__name__", type(m.func).__name__) for m in cfg.modifiers]
    return described


def _action_term(name: str, dim: int, term: Any) -> dict[str, Any]:
    kind = type(term).__name__
    described = {"name": name, "dim": dim, "type": kind}
    if kind in ACTION_MEANINGS:
        described["meaning"] = ACTION_MEANINGS[kind]
    if hasattr(term, "_joint_names"):
        described["joint_names"] = list(term._joint_names)
    clip = getattr(term.cfg, "clip", None)
    described["clip"] = {key: list(value) for key, value in clip.items()} if clip else None
    for field in ("body_name", "body_offset", "controller", "open_command_expr", "close_command_expr"):
        if getattr(term.cfg, field, None) is not None:
            described[field] = _plain(getattr(term.cfg, field), None)
    return described


def _command(name: str, term: Any) -> dict[str, Any]:
    """A command term: its layout (the names of its elements) and the ranges it samples from."""
    cfg = term.cfg
    layout = list(getattr(cfg, "element_names", None) or [f"{name}_{i}" for i in range(term.command.shape[-1])])
    described = {"name": name, "type": type(term).__name__, "layout": layout}
    for field in ("ranges", "heading_command", "rel_standing_envs", "resampling_time_range", "body_name"):
        if hasattr(cfg, field):
            described[field] = _plain(getattr(cfg, field), None)
    return described


def _floats(values: Any) -> list[float] | None:
    """Numbers read from float32 tensors, without the digits float32 does not hold (0.1, not 0.10000000149)."""
    return None if values is None else [float(f"{float(value):.7g}") for value in values]


def _per_element(value: Any, dim: int) -> list[float]:
    """A scale or offset (a number, or a per-env tensor) as one float per action element of env 0."""
    if isinstance(value, (int, float)):
        return [float(value)] * dim
    return [float(v) for v in value[0].reshape(-1).tolist()][:dim]


def _plain(value: Any, env: Any) -> Any:
    """A config value as YAML/JSON-safe data: numbers, strings, lists and dicts."""
    from isaaclab.managers import SceneEntityCfg

    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (list, tuple)):
        return [_plain(item, env) for item in value]
    if isinstance(value, dict):
        return {str(key): _plain(item, env) for key, item in value.items()}
    if isinstance(value, SceneEntityCfg):
        return _scene_entity(value, env)
    if dataclasses.is_dataclass(value):
        fields = {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
        return {key: _plain(item, env) for key, item in fields.items() if key not in ("class_type", "func")}
    return type(value).__name__


def _scene_entity(entity: Any, env: Any) -> dict[str, Any]:
    """What a term reads from the scene: the entity, joints and bodies in the order read, a sensor's set-up."""
    described: dict[str, Any] = {"name": entity.name}
    asset = env.scene[entity.name] if env is not None else None
    if hasattr(asset, "joint_names"):  # an articulation (each physics backend has its own class)
        # a joint term reads these joints in this order (all of them, in the articulation's order, by default)
        ids = entity.joint_ids
        described["joint_names"] = (
            asset.joint_names[ids] if isinstance(ids, slice) else [asset.joint_names[i] for i in ids]
        )
        if entity.body_names is not None:
            ids = entity.body_ids
            described["body_names"] = (
                asset.body_names[ids] if isinstance(ids, slice) else [asset.body_names[i] for i in ids]
            )
    if asset is not None and entity.name in env.scene.sensors:
        sensor_cfg = asset.cfg
        described["sensor"] = {
            "type": type(asset).__name__,
            **{
                key: _plain(getattr(sensor_cfg, key), None)
                for key in ("offset", "ray_alignment", "pattern_cfg", "max_distance")
                if hasattr(sensor_cfg, key)
            },
        }
    return described
