# Copyright (c) 2026, The my_tasks Project Developers.
# SPDX-License-Identifier: BSD-3-Clause

"""Unitree Go2 velocity tracking on flat ground and on rough terrain with a curriculum.

rsl_rl and skrl train with Isaac Lab's own agent cfgs for its Go2 tasks (the same MDP); SB3, for which Isaac
Lab has none, with ours in ``agents/``.
"""

import gymnasium as gym

from . import agents

ISAACLAB_AGENTS = "isaaclab_tasks.core.velocity.config.go2.agents"

gym.register(
    id="MyTasks-Velocity-Flat-Go2",
    entry_point="isaaclab.envs:ManagerBasedRLEnv",
    disable_env_checker=True,
    kwargs={
        "env_cfg_entry_point": f"{__name__}.flat_env_cfg:Go2FlatEnvCfg",
        "rsl_rl_cfg_entry_point": f"{ISAACLAB_AGENTS}.rsl_rl_ppo_cfg:UnitreeGo2FlatPPORunnerCfg",
        "skrl_cfg_entry_point": f"{ISAACLAB_AGENTS}:skrl_flat_ppo_cfg.yaml",
        "sb3_cfg_entry_point": f"{agents.__name__}:sb3_flat_ppo_cfg.yaml",
        "default_agent": "rsl_rl",
    },
)

gym.register(
    id="MyTasks-Velocity-Rough-Go2",
    entry_point="isaaclab.envs:ManagerBasedRLEnv",
    disable_env_checker=True,
    kwargs={
        "env_cfg_entry_point": f"{__name__}.rough_env_cfg:Go2RoughEnvCfg",
        "rsl_rl_cfg_entry_point": f"{ISAACLAB_AGENTS}.rsl_rl_ppo_cfg:UnitreeGo2RoughPPORunnerCfg",
        "skrl_cfg_entry_point": f"{ISAACLAB_AGENTS}:skrl_rough_ppo_cfg.yaml",
        "sb3_cfg_entry_point": f"{agents.__name__}:sb3_rough_ppo_cfg.yaml",
        "default_agent": "rsl_rl",
    },
)
