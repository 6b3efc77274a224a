# Copyright (c) 2026, The my_tasks Project Developers.
# SPDX-License-Identifier: BSD-3-Clause

"""rsl_rl PPO configurations of the Panda reach tasks."""

from isaaclab.utils import configclass

from isaaclab_rl.rsl_rl import RslRlMLPModelCfg, RslRlOnPolicyRunnerCfg, RslRlPpoAlgorithmCfg


@configclass
class PandaReachPPORunnerCfg(RslRlOnPolicyRunnerCfg):
    """Isaac-Reach-Franka's agent: two 64-unit layers, 24 steps per env and iteration."""

    num_steps_per_env = 24
    max_iterations = 1000
    save_interval = 50
    experiment_name = "reach_panda"
    actor = RslRlMLPModelCfg(
        hidden_dims=[64, 64],
        activation="elu",
        obs_normalization=False,
        distribution_cfg=RslRlMLPModelCfg.GaussianDistributionCfg(init_std=1.0),
    )
    critic = RslRlMLPModelCfg(hidden_dims=[64, 64], activation="elu", obs_normalization=False)
    algorithm = RslRlPpoAlgorithmCfg(
        value_loss_coef=1.0,
        use_clipped_value_loss=True,
        clip_param=0.2,
        entropy_coef=0.01,
        num_learning_epochs=8,
        num_mini_batches=4,
        learning_rate=1.0e-3,
        schedule="adaptive",
        gamma=0.99,
        lam=0.95,
        desired_kl=0.01,
        max_grad_norm=1.0,
    )


@configclass
class PandaReachIKRelPPORunnerCfg(PandaReachPPORunnerCfg):
    """The same agent, logging under ``logs/rsl_rl/reach_panda_ik_rel``."""

    experiment_name = "reach_panda_ik_rel"
