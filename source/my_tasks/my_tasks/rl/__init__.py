# Copyright (c) 2026, The my_tasks Project Developers.
# SPDX-License-Identifier: BSD-3-Clause

"""Plumbing shared by the train and play scripts of every RL library.

One module per step of the pipeline that the scripts walk through:

* :mod:`.cli`: the command line (the same flags for every library) and the device;
* :mod:`.tasks`: task lookup and the env/agent configs, with presets and ``env.``/``agent.`` overrides;
* :mod:`.runs`: run directories under ``logs/<library>/<experiment>/`` and what they record;
* :mod:`.checkpoints`: finding, checking and atomically writing checkpoints;
* :mod:`.evaluate`: episode statistics of a policy, written to ``eval.json``;
* :mod:`.metadata` and :mod:`.export`: TorchScript, ONNX and YAML files for deployment;
* :mod:`.distributed`: ``--distributed`` training on several GPUs under torchrun (rsl_rl, skrl);
* :mod:`.errors`: one-line messages and exit codes for bad input.

Library-specific glue lives next to them (:mod:`.rsl_rl_runner`, :mod:`.skrl_agent`, :mod:`.sb3_agent`, and
SB3's rollout on the env's device: :mod:`.sb3_device_env`, :mod:`.sb3_device_ppo`); :mod:`.benchmark` is
what ``scripts/benchmark.py`` is made of.
"""
