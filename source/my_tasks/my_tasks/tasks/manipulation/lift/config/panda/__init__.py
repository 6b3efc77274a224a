# Copyright (c) 2026, The my_tasks Project Developers.
# SPDX-License-Identifier: BSD-3-Clause

"""The Panda lifts a cube to a commanded position: joint-position or absolute-IK arm, binary gripper."""

import gymnasium as gym

from . import agents

gym.register(
    id="MyTasks-Lift-Cube-Panda",
    entry_point="isaaclab.envs:ManagerBasedRLEnv",
    disable_env_checker=True,
    kwargs={
        "env_cfg_entry_point": f"{__name__}.joint_pos_env_cfg:PandaLiftEnvCfg",
        "rsl_rl_cfg_entry_point": f"{agents.__name__}.rsl_rl_ppo_cfg:PandaLiftPPORunnerCfg",
        "skrl_cfg_entry_point": f"{agents.__name__}:skrl_ppo_cfg.yaml",
        "sb3_cfg_entry_point": f"{agents.__name__}:sb3_ppo_cfg.yaml",
        "default_agent": "rsl_rl",
    },
)

gym.register(
    id="MyTasks-Lift-Cube-Panda-IK-Abs",
    entry_point="isaaclab.envs:ManagerBasedRLEnv",
    disable_env_checker=True,
    kwargs={
        "env_cfg_entry_point": f"{__name__}.ik_abs_env_cfg:PandaLiftIKAbsEnvCfg",
        "rsl_rl_cfg_entry_point": f"{agents.__name__}.rsl_rl_ppo_cfg:PandaLiftIKAbsPPORunnerCfg",
        "skrl_cfg_entry_point": f"{agents.__name__}:skrl_ik_abs_ppo_cfg.yaml",
        "sb3_cfg_entry_point": f"{agents.__name__}:sb3_ppo_cfg.yaml",
        "default_agent": "rsl_rl",
    },
)
