# Copyright (c) 2026, The my_tasks Project Developers.
# SPDX-License-Identifier: BSD-3-Clause

"""Cartpole balancing: push the cart so that the pole stays upright, in both Isaac Lab workflows.

``MyTasks-Cartpole-Direct`` writes the MDP as one :class:`~isaaclab.envs.DirectRLEnv` class;
``MyTasks-Cartpole`` composes the same MDP from manager terms (see ``mdp/``).
"""

import gymnasium as gym

from . import agents

gym.register(
    id="MyTasks-Cartpole-Direct",
    entry_point=f"{__name__}.cartpole_direct_env:CartpoleDirectEnv",
    disable_env_checker=True,
    kwargs={
        "env_cfg_entry_point": f"{__name__}.cartpole_direct_env_cfg:CartpoleDirectEnvCfg",
        "rsl_rl_cfg_entry_point": f"{agents.__name__}.rsl_rl_ppo_cfg:CartpoleDirectPPORunnerCfg",
        "skrl_cfg_entry_point": f"{agents.__name__}:skrl_direct_ppo_cfg.yaml",
        "sb3_cfg_entry_point": f"{agents.__name__}:sb3_ppo_cfg.yaml",
        "default_agent": "rsl_rl",
    },
)

gym.register(
    id="MyTasks-Cartpole",
    entry_point="isaaclab.envs:ManagerBasedRLEnv",
    disable_env_checker=True,
    kwargs={
        "env_cfg_entry_point": f"{__name__}.cartpole_env_cfg:CartpoleEnvCfg",
        "rsl_rl_cfg_entry_point": f"{agents.__name__}.rsl_rl_ppo_cfg:CartpolePPORunnerCfg",
        "skrl_cfg_entry_point": f"{agents.__name__}:skrl_ppo_cfg.yaml",
        "sb3_cfg_entry_point": f"{agents.__name__}:sb3_ppo_cfg.yaml",
        "default_agent": "rsl_rl",
    },
)
