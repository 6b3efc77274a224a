# Copyright (c) 2026, The my_tasks Project Developers.
# SPDX-License-Identifier: BSD-3-Clause

"""Load an exported policy the way deployment code does, with nothing from Isaac Lab or my_tasks.

    python docs/examples/run_exported_policy.py logs/rsl_rl/cartpole_direct/<run>/exported

Needs only numpy, onnx, onnxruntime, pyyaml and torch.
"""

import json
import sys
from pathlib import Path

import numpy as np
import onnx
import onnxruntime
import torch
import yaml

exported = Path(sys.argv[1])

# [onnx]
session = onnxruntime.InferenceSession(str(exported / "policy.onnx"), providers=["CPUExecutionProvider"])
metadata = {p.key: p.value for p in onnx.load(str(exported / "policy.onnx")).metadata_props}
metadata = {key: value if key in ("task", "library") else json.loads(value) for key, value in metadata.items()}
obs = np.zeros((1, metadata["obs_dim"]), dtype=np.float32)  # one robot; any batch size works
actions = session.run(["actions"], {"obs": obs})[0]  # [1, act_dim]
# [/onnx]

# [torchscript]
extra_files = {"policy.yaml": ""}
policy = torch.jit.load(str(exported / "policy.pt"), map_location="cpu", _extra_files=extra_files)
same_metadata = yaml.safe_load(extra_files["policy.yaml"])
with torch.inference_mode():
    scripted_actions = policy(torch.from_numpy(obs))  # [1, act_dim]
# [/torchscript]

# [apply]
action = scripted_actions[0].numpy()
if metadata["action_clip"] is not None:
    action = np.clip(action, -metadata["action_clip"], metadata["action_clip"])
command = np.asarray(metadata["action_scale"]) * action  # cartpole: the cart force [N]
# [/apply]

assert same_metadata == yaml.safe_load((exported / "policy.yaml").read_text()) == metadata
assert np.allclose(actions, scripted_actions.numpy(), atol=1e-5)
print(f"{metadata['task']} ({metadata['library']}): obs {obs.tolist()} -> actions {actions.tolist()} -> {command}")
