# Copyright (c) 2026, The my_tasks Project Developers.
# SPDX-License-Identifier: BSD-3-Clause

"""Train a policy with rsl_rl (PPO).

    python scripts/rsl_rl/train.py --task MyTasks-Cartpole-Direct --num_envs 256 --device cpu
    python scripts/rsl_rl/train.py --task MyTasks-Cartpole --max_iterations 50 agent.algorithm.learning_rate=3e-4
    ./isaaclab.sh -p scripts/rsl_rl/train.py --task MyTasks-Cartpole-Direct    (inside Isaac Sim)
    python -m torch.distributed.run --nproc_per_node=2 scripts/rsl_rl/train.py --task MyTasks-Cartpole --distributed

The script is the training pipeline, top to bottom:
command line -> task configs -> simulation -> env (gym.make) -> rsl_rl wrapper -> runner -> learn.
Everything the three libraries share (flags, configs, run folders, checkpoints) is in ``my_tasks.rl``.
"""

import gymnasium as gym

from isaaclab.app import launch_simulation

from isaaclab_rl.rsl_rl import RslRlVecEnvWrapper, check_rsl_rl_version, handle_deprecated_rsl_rl_cfg

import my_tasks  # noqa: F401  (importing it registers the MyTasks-* tasks with gymnasium)
from my_tasks.rl import checkpoints, cli, distributed, runs, tasks, video
from my_tasks.rl.errors import UserError, run_main
from my_tasks.rl.rsl_rl_runner import OnPolicyRunnerWithResume

LIBRARY = "rsl_rl"


def main() -> None:
    # 1. The command line: our flags, Isaac Lab's launcher flags (--device, --viz), trailing overrides.
    #    With --distributed, torchrun started one such process (rank) per GPU; args.device is this rank's GPU.
    args = cli.parse_args("train", LIBRARY)
    ranks = args.ranks

    # 2. The task's configs, as its gym.register call names them, with presets and overrides applied.
    env_cfg, agent_cfg = tasks.resolve_configs(args.task, LIBRARY, args.overrides)
    agent_cfg = handle_deprecated_rsl_rl_cfg(agent_cfg, check_rsl_rl_version())
    if agent_cfg.class_name != "OnPolicyRunner":
        raise UserError(f"{args.task}'s rsl_rl config uses {agent_cfg.class_name}; this script trains PPO only")
    agent_cfg.device = args.device
    agent_cfg.seed = distributed.rank_seed(args.seed if args.seed is not None else agent_cfg.seed, ranks)
    agent_cfg.max_iterations = args.max_iterations or agent_cfg.max_iterations
    agent_cfg.experiment_name = args.experiment_name or agent_cfg.experiment_name
    agent_cfg.run_name = args.run_name or agent_cfg.run_name
    tasks.configure_env(env_cfg, num_envs=args.num_envs, device=args.device, seed=agent_cfg.seed)

    # 3. Where to resume from and where to write, decided before anything starts. Only rank 0 writes.
    resume_from = checkpoints.resume_checkpoint(
        args, library=LIBRARY, task=args.task, experiment=agent_cfg.experiment_name
    )
    run_dir = runs.new_run_dir(LIBRARY, agent_cfg.experiment_name, agent_cfg.run_name)
    if ranks.is_main:
        video.configure_recording(env_cfg, args, run_dir, subdir="train")

    # 4. Start the simulation (kit-less Newton here; Isaac Sim's Kit when the config needs it).
    with launch_simulation(env_cfg, args):
        # 5. The env, exactly as gymnasium creates any registered env, then rsl_rl's view of it:
        #    observations as a TensorDict of groups, actions clipped, time-outs in the extras.
        env = gym.make(args.task, cfg=env_cfg)
        env = RslRlVecEnvWrapper(env, clip_actions=agent_cfg.clip_actions)

        # 6. The runner builds the actor, the critic and PPO from the agent config. With several ranks it also
        #    joins torchrun's process group (rsl_rl's multi_gpu config): rank 0 alone logs and saves.
        runner = OnPolicyRunnerWithResume(env, agent_cfg.to_dict(), log_dir=str(run_dir), device=agent_cfg.device)
        resume_from = distributed.rank_zero_choice(resume_from)  # every rank loads the checkpoint rank 0 found
        if resume_from is not None:
            runner.load(str(resume_from), map_location=agent_cfg.device)
            print(f"[my_tasks] resuming from {resume_from} at iteration {runner.current_learning_iteration}")
        if ranks.is_main:
            runs.record_run(
                run_dir,
                task=args.task,
                library=LIBRARY,
                env_cfg=env_cfg,
                agent_cfg=agent_cfg,
                resumed_from=resume_from,
                world_size=ranks.world_size,
            )

        # 7. Learn: each iteration collects num_steps_per_env steps from every env, then updates PPO.
        #    rsl_rl saves model_<iteration>.pt every save_interval iterations and at the end; Ctrl-C saves too
        #    (with several ranks: all stop after the same iteration, and rank 0 saves).
        def save_now():
            path = run_dir / f"model_{runner.current_learning_iteration}.pt"
            runner.save(str(path))
            runner.flush_logs()
            return path

        with checkpoints.save_on_interrupt(save_now if ranks.is_main else None), distributed.stop_together(ranks):
            runner.learn(
                num_learning_iterations=agent_cfg.max_iterations, init_at_random_ep_len=agent_cfg.init_at_random_ep_len
            )
        env.close()
    if ranks.is_main:
        print(f"[my_tasks] run dir: {run_dir}")


if __name__ == "__main__":
    run_main(main)
