# Copyright (c) 2026, The my_tasks Project Developers.
# SPDX-License-Identifier: BSD-3-Clause

"""rsl_rl PPO configurations of the Panda lift tasks."""

from isaaclab.utils import configclass

from isaaclab_rl.rsl_rl import RslRlMLPModelCfg, RslRlOnPolicyRunnerCfg, RslRlPpoAlgorithmCfg


@configclass
class PandaLiftPPORunnerCfg(RslRlOnPolicyRunnerCfg):
    """Isaac Lab's classic lift agent (``contrib.lift``), with observation normalisation (as its Newton lift)."""

    num_steps_per_env = 24
    max_iterations = 1500
    save_interval = 100
    experiment_name = "lift_cube_panda"
    actor = RslRlMLPModelCfg(
        hidden_dims=[256, 128, 64],
        activation="elu",
        obs_normalization=True,
        distribution_cfg=RslRlMLPModelCfg.GaussianDistributionCfg(init_std=1.0),
    )
    critic = RslRlMLPModelCfg(hidden_dims=[256, 128, 64], activation="elu", obs_normalization=True)
    algorithm = RslRlPpoAlgorithmCfg(
        value_loss_coef=1.0,
        use_clipped_value_loss=True,
        clip_param=0.2,
        entropy_coef=0.006,
        num_learning_epochs=5,
        num_mini_batches=4,
        learning_rate=1.0e-4,
        schedule="adaptive",
        gamma=0.98,
        lam=0.95,
        desired_kl=0.01,
        max_grad_norm=1.0,
    )


@configclass
class PandaLiftIKAbsPPORunnerCfg(PandaLiftPPORunnerCfg):
    """The same agent, logging under ``logs/rsl_rl/lift_cube_panda_ik_abs``."""

    experiment_name = "lift_cube_panda_ik_abs"
