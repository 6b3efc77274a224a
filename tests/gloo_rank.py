# Copyright (c) 2026, The my_tasks Project Developers.
# SPDX-License-Identifier: BSD-3-Clause

"""Run a train script as one rank of a torchrun job on the CPU, with gloo standing in for NCCL.

    python -m torch.distributed.run --standalone --nproc_per_node=2 tests/gloo_rank.py \
        scripts/rsl_rl/train.py --task MyTasks-Cartpole-Direct --distributed ...

rsl_rl, skrl and Isaac Lab put every rank on ``cuda:<LOCAL_RANK>`` and join an NCCL process group, and
the test machines have no GPU. This wrapper changes only that: each rank runs on the CPU and the process
group is gloo. Everything else is the real code of the script and the libraries: torchrun's ranks, the
seeds, the process group, rank 0's weights broadcast, the averaged gradients, rank-0-only writing, the
checkpoint choice and Ctrl-C.
"""

import os
import runpy
import sys

import torch
import torch.distributed
from rsl_rl.runners import OnPolicyRunner

from isaaclab.app import sim_launcher

from my_tasks.rl import distributed

_init_process_group = torch.distributed.init_process_group
_configure_multi_gpu = OnPolicyRunner._configure_multi_gpu


def init_gloo_process_group(backend=None, *args, **kwargs):
    """rsl_rl and skrl ask for NCCL, which needs GPUs."""
    return _init_process_group("gloo", *args, **kwargs)


def resolve_distributed_device_on_cpu(cfg, args: dict) -> None:
    """Isaac Lab's ``launch_simulation`` would put the rank's simulation on ``cuda:<LOCAL_RANK>``."""
    if args.get("distributed", False):
        cfg.sim.device = args["device"] = "cpu"


def configure_multi_gpu_on_cpu(runner: OnPolicyRunner) -> None:
    """rsl_rl refuses a rank whose device is not ``cuda:<LOCAL_RANK>``: configure the rank, then stay on the CPU."""
    device, runner.device = runner.device, f"cuda:{os.environ['LOCAL_RANK']}"
    try:
        _configure_multi_gpu(runner)
    finally:
        runner.device = device


torch.distributed.init_process_group = init_gloo_process_group
torch.cuda.set_device = lambda device: None
sim_launcher._resolve_distributed_device = resolve_distributed_device_on_cpu
OnPolicyRunner._configure_multi_gpu = configure_multi_gpu_on_cpu
distributed.rank_device = lambda ranks, requested: "cpu"

if __name__ == "__main__":
    script, *script_args = sys.argv[1:]
    sys.argv = [script, *script_args]
    runpy.run_path(script, run_name="__main__")
