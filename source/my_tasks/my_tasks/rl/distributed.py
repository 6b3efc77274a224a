# Copyright (c) 2026, The my_tasks Project Developers.
# SPDX-License-Identifier: BSD-3-Clause

"""``--distributed``: train one policy on several GPUs, one process (rank) per GPU, started by torchrun.

    python -m torch.distributed.run --nproc_per_node=2 scripts/rsl_rl/train.py --task ... --distributed

torchrun tells each rank its place through environment variables (``RANK``, ``LOCAL_RANK``,
``WORLD_SIZE``, ``LOCAL_WORLD_SIZE``). Each rank simulates its own ``--num_envs`` envs on
``cuda:<LOCAL_RANK>`` with its own seed. The library does the rest: rsl_rl (its ``multi_gpu`` config)
and skrl (``skrl.config.torch``) join the NCCL process group, start every rank from rank 0's weights,
average the gradients of all ranks in each update, and write logs and checkpoints from rank 0 only.

This module holds what the scripts add to that: the checks of the command line and the machine, each
rank's device and seed, rank 0's choice of the checkpoint to resume from, and a Ctrl-C that stops every
rank after the same iteration.
"""

from __future__ import annotations

import argparse
import os
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from isaaclab.benchmark.distributed import DistributedContext

from .errors import EXIT_USAGE, UserError

if TYPE_CHECKING:
    import torch

TORCHRUN_VARIABLES = ("RANK", "LOCAL_RANK", "WORLD_SIZE", "LOCAL_WORLD_SIZE")
"""What torchrun (``python -m torch.distributed.run``) sets in each process it starts."""

LIBRARIES = ("rsl_rl", "skrl")
"""The libraries whose training runs on several GPUs (SB3 has no multi-GPU training)."""

LAUNCH = "python -m torch.distributed.run --nproc_per_node=<GPUs> scripts/{library}/train.py ... --distributed"

_stop_requested = False


def add_argument(parser: argparse.ArgumentParser) -> None:
    """Add ``--distributed`` to a train script's parser (the flag of Isaac Lab's train command)."""
    parser.add_argument(
        "--distributed",
        action="store_true",
        help="Train on several GPUs, one process per GPU started by torchrun (rsl_rl, skrl): docs/distributed.md.",
    )


def resolve_ranks(args: argparse.Namespace, library: str) -> DistributedContext:
    """This process's rank, after checking ``--distributed`` against torchrun's environment and the GPUs.

    With ``--distributed``, ``args.device`` becomes this rank's GPU, ``cuda:<LOCAL_RANK>``. Without it,
    the run is the single main rank of :class:`~isaaclab.benchmark.distributed.DistributedContext`.
    Call it before anything imports skrl: skrl joins torchrun's process group on import.

    Raises:
        UserError: For SB3, for ``--distributed`` outside torchrun (or torchrun without ``--distributed``),
            and for a device that cannot run the ranks: no GPU, ``--device cpu``, fewer GPUs than ranks.
    """
    started_by_torchrun = int(os.environ.get("WORLD_SIZE", "1")) > 1
    if library not in LIBRARIES and (args.distributed or started_by_torchrun):
        raise UserError(
            f"{library} has no multi-GPU training: run scripts/{library}/train.py on one GPU without torchrun "
            f"and --distributed (rsl_rl and skrl train on several GPUs)",
            exit_code=EXIT_USAGE,
        )
    if not args.distributed:
        if started_by_torchrun:  # every rank would train a policy of its own and write a run folder of its own
            raise UserError(
                f"torchrun started {os.environ['WORLD_SIZE']} processes but --distributed is missing: "
                "add --distributed so that they train one policy together",
                exit_code=EXIT_USAGE,
            )
        return DistributedContext()
    missing = [name for name in TORCHRUN_VARIABLES if name not in os.environ]
    if missing:
        raise UserError(
            f"--distributed needs the processes that torchrun starts (no {', '.join(missing)} in the environment): "
            f"{LAUNCH.format(library=library)}",
            exit_code=EXIT_USAGE,
        )
    try:
        ranks = DistributedContext.from_env(True)
    except ValueError as error:
        raise UserError(f"torchrun's ranks do not add up: {error}") from None
    args.device = rank_device(ranks, args.device if getattr(args, "device_explicit", False) else None)
    return ranks


def rank_device(ranks: DistributedContext, requested: str | None) -> str:
    """This rank's GPU, ``cuda:<LOCAL_RANK>``, where Isaac Lab's ``launch_simulation`` puts its simulation.

    Args:
        ranks: This process's rank.
        requested: ``--device`` if the user gave one, else None.

    Raises:
        UserError: If there is no CUDA GPU, ``--device`` names the CPU or one GPU, or this node has
            fewer GPUs than the ranks torchrun started on it.
    """
    import torch

    from isaaclab_rl.entrypoints.common import validate_distributed_device

    if not torch.cuda.is_available():
        raise UserError("--distributed trains on CUDA GPUs (NCCL), and torch finds none on this machine")
    try:
        validate_distributed_device(argparse.Namespace(distributed=True, device=requested))
    except ValueError:
        raise UserError(
            f"--device {requested}: --distributed trains on CUDA GPUs only; leave --device out", exit_code=EXIT_USAGE
        ) from None
    if requested not in (None, "cuda"):
        raise UserError(
            f"--device {requested}: with --distributed each rank uses cuda:<LOCAL_RANK>; leave --device out and "
            "choose the GPUs with CUDA_VISIBLE_DEVICES",
            exit_code=EXIT_USAGE,
        )
    gpus = torch.cuda.device_count()
    if ranks.local_world_size > gpus:
        raise UserError(
            f"torchrun started {ranks.local_world_size} processes on this node but it has {gpus} GPU(s): "
            f"use --nproc_per_node={gpus} or less (one process per GPU)"
        )
    return f"cuda:{ranks.local_rank}"


def rank_seed(seed: int, ranks: DistributedContext) -> int:
    """The seed of this rank: ``seed + rank``, so that the ranks explore differently rather than in lockstep."""
    return seed + ranks.rank


def rank_zero_choice[T](value: T) -> T:
    """Rank 0's ``value`` on every rank (``value`` itself outside a distributed run).

    Call it on every rank once the library has joined the process group (rsl_rl: when its runner is
    built; skrl: when it is imported).
    """
    import torch.distributed

    if not torch.distributed.is_initialized():
        return value
    box = [value]
    torch.distributed.broadcast_object_list(box, src=0)
    return box[0]


@contextmanager
def stop_together(ranks: DistributedContext) -> Iterator[None]:
    """In a distributed run, make Ctrl-C stop every rank after the same iteration (see :func:`stop_if_requested`).

    torchrun passes Ctrl-C on to every rank. A rank that stopped at once would leave the others waiting
    in the library's next gradient all-reduce, and rank 0 could hang there before saving its checkpoint;
    so inside this block SIGINT only records the request. A second SIGINT stops the rank at once.
    Outside a distributed run the block changes nothing: Ctrl-C raises ``KeyboardInterrupt`` at once.
    """
    global _stop_requested
    if not ranks.enabled:
        yield
        return

    def request_stop(signum, frame) -> None:
        global _stop_requested
        if _stop_requested:
            raise KeyboardInterrupt
        _stop_requested = True

    previous = signal.signal(signal.SIGINT, request_stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        _stop_requested = False


def stop_if_requested(device: str | torch.device) -> None:
    """Raise ``KeyboardInterrupt`` on every rank if any rank got Ctrl-C; every rank calls it after each iteration.

    Outside a process group (one rank) it raises if Ctrl-C came during :func:`stop_together`.

    Args:
        device: The rank's training device, where the collective runs.
    """
    import torch
    import torch.distributed

    if not torch.distributed.is_initialized():
        if _stop_requested:
            raise KeyboardInterrupt
        return
    requested = torch.tensor([float(_stop_requested)], device=device)
    torch.distributed.all_reduce(requested, op=torch.distributed.ReduceOp.MAX)
    if requested.item() > 0:
        raise KeyboardInterrupt
