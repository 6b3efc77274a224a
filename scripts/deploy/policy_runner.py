# Copyright (c) 2026, The my_tasks Project Developers.
# SPDX-License-Identifier: BSD-3-Clause

"""Run an exported policy on a robot: raw state -> observation -> policy -> joint targets.

Reads ``exported/policy.onnx`` and ``exported/policy.yaml`` and nothing else: no Isaac Lab, no simulator,
no my_tasks. Copy this file into a robot's control code; it needs numpy, pyyaml and onnxruntime.

    runner = PolicyRunner("logs/rsl_rl/unitree_go2_flat/<run>/exported")
    every runner.step_dt seconds:
        targets = runner.step(state, command=[vx, vy, wz])   # joint name -> position target
        send the targets to the joints' PD controllers (gains: runner.metadata["joint_stiffness"], ...)

The observation is built term by term as ``policy.yaml`` lists them (``docs/export.md`` has the table): each
term's raw quantity, minus its offset, clipped, scaled, stacked with its history.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import yaml


@dataclass
class RobotState:
    """What the robot measures, in the frames Isaac Lab uses (base frame: x forward, y left, z up)."""

    joint_pos: Mapping[str, float]  # [rad] by joint name
    joint_vel: Mapping[str, float]  # [rad/s] by joint name
    base_lin_vel: Sequence[float] = (0.0, 0.0, 0.0)  # [m/s] in the base frame
    base_ang_vel: Sequence[float] = (0.0, 0.0, 0.0)  # [rad/s] in the base frame
    projected_gravity: Sequence[float] = (0.0, 0.0, -1.0)  # unit gravity direction in the base frame
    extra: Mapping[str, Sequence[float]] = field(default_factory=dict)  # other terms by name, e.g. height_scan


class PolicyRunner:
    """The robot side of an exported policy."""

    def __init__(self, exported_dir: str | Path):
        exported_dir = Path(exported_dir)
        self.metadata = yaml.safe_load((exported_dir / "policy.yaml").read_text())
        self.step_dt = float(self.metadata["step_dt"])
        self.last_action = np.zeros(self.metadata["act_dim"], dtype=np.float32)
        self._history: dict[str, deque] = {}
        self._session = None
        self._onnx_path = exported_dir / "policy.onnx"

    def observation(self, state: RobotState, command: Sequence[float] = ()) -> np.ndarray:
        """The policy's input ``[obs_dim]`` from raw state, the command and the last action."""
        parts = []
        for term in self.metadata["observation_terms"]:
            value = np.asarray(self._raw_term(term, state, command), dtype=np.float32)
            if term.get("clip") is not None:
                value = np.clip(value, *term["clip"])
            if term.get("scale") is not None:
                value = value * np.asarray(term["scale"], dtype=np.float32)
            if term.get("history_length", 0) > 0:
                value = self._with_history(term, value)
            parts.append(value.reshape(-1))
        obs = np.concatenate(parts).astype(np.float32)
        if obs.shape != (self.metadata["obs_dim"],):
            raise ValueError(f"observation has {obs.shape[0]} values, the policy takes {self.metadata['obs_dim']}")
        return obs

    def act(self, obs: np.ndarray) -> np.ndarray:
        """The policy's deterministic action ``[act_dim]``, clipped as in training; remembered as the last action."""
        if self._session is None:
            import onnxruntime

            self._session = onnxruntime.InferenceSession(str(self._onnx_path), providers=["CPUExecutionProvider"])
        action = self._session.run(["actions"], {"obs": obs[None, :]})[0][0]
        if self.metadata["action_clip"] is not None:
            action = np.clip(action, -self.metadata["action_clip"], self.metadata["action_clip"])
        self.last_action = action.astype(np.float32)
        return self.last_action

    def joint_targets(self, action: np.ndarray) -> dict[str, float]:
        """Joint position targets from an action of joint-position terms: ``offset + scale * action``."""
        kinds = {term.get("type") for term in self.metadata["action_terms"]}
        if kinds != {"JointPositionAction"}:
            raise ValueError(f"joint_targets applies joint-position actions; this policy's actions are {kinds}")
        targets = np.asarray(self.metadata["action_offset"]) + np.asarray(self.metadata["action_scale"]) * action
        return dict(zip(self.metadata["joint_names"], targets.tolist(), strict=True))

    def step(self, state: RobotState, command: Sequence[float] = ()) -> dict[str, float]:
        """One control period: observe, act, return the joint position targets."""
        return self.joint_targets(self.act(self.observation(state, command)))

    def reset(self) -> None:
        """Forget the last action and the observation history (a new episode)."""
        self.last_action[:] = 0.0
        self._history.clear()

    def _raw_term(self, term: dict, state: RobotState, command: Sequence[float]) -> Sequence[float]:
        func = term["func"]
        if func in ("base_lin_vel", "base_ang_vel", "projected_gravity"):
            return getattr(state, func)
        if func == "generated_commands":
            return command
        if func == "last_action":
            return self.last_action
        if func in ("joint_pos", "joint_pos_rel", "joint_vel", "joint_vel_rel"):
            names = term["params"]["asset_cfg"]["joint_names"]
            measured = state.joint_pos if func.startswith("joint_pos") else state.joint_vel
            values = np.array([measured[name] for name in names], dtype=np.float32)
            return values - np.asarray(term.get("offset", 0.0), dtype=np.float32)
        if term["name"] in state.extra:
            return state.extra[term["name"]]
        raise KeyError(f"observation term {term['name']!r} ({func}): pass its values in RobotState.extra")

    def _with_history(self, term: dict, value: np.ndarray) -> np.ndarray:
        """The term's last ``history_length`` values, oldest first; a new episode starts filled with the first."""
        length = term["history_length"]
        history = self._history.get(term["name"])
        if history is None:
            history = self._history[term["name"]] = deque([value] * length, maxlen=length)
        else:
            history.append(value)
        return np.concatenate(list(history))
