# Copyright (c) 2026, The my_tasks Project Developers.
# SPDX-License-Identifier: BSD-3-Clause

"""The command line of the train and play scripts: the same flags for rsl_rl, skrl and SB3.

Flags name what a user changes often; anything else in the configs is reachable by trailing
``env.<path>=<value>`` and ``agent.<path>=<value>`` overrides, and the physics backend or other
presets by ``physics=<name>``, ``renderer=<name>`` and ``presets=<name>[,<name>]``, as in Isaac Lab 3.
"""

from __future__ import annotations

import argparse
import random
import re
from typing import Literal

from . import distributed
from .errors import EXIT_USAGE, UserError

LIBRARIES = ("rsl_rl", "skrl", "sb3")
PRESET_SELECTORS = ("physics", "renderer", "presets")
_OVERRIDE = re.compile(r"^(env|agent)(\.[A-Za-z_][\w]*)+=|^(physics|renderer|presets)=")


class _OneLineErrorParser(argparse.ArgumentParser):
    """argparse that reports a bad command line in one line instead of the full usage."""

    def error(self, message: str):
        raise UserError(f"{message} (see --help)", exit_code=EXIT_USAGE)


def positive_int(text: str) -> int:
    """Argparse type of a count: an integer of at least 1."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {text!r}") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {value}")
    return value


Action = Literal["train", "play", "zero_agent", "random_agent"]


def build_parser(action: Action, library: str | None = None) -> argparse.ArgumentParser:
    """Return the parser of ``scripts/<library>/<action>.py`` (or ``scripts/<action>.py`` for the agents)."""
    from isaaclab.app import add_launcher_args

    if library is None:
        description = f"Step a task with {action.split('_')[0]} actions and report its speed."
    else:
        description = f"{action.capitalize()} a policy with {library} on a registered Isaac Lab task."
    parser = _OneLineErrorParser(
        description=description,
        epilog="Trailing overrides: env.<path>=<value> agent.<path>=<value> physics=<name> presets=<name>",
    )
    parser.add_argument("--task", required=True, help="Task ID, e.g. MyTasks-Cartpole-Direct.")
    parser.add_argument("--num_envs", type=positive_int, help="Number of parallel environments.")
    parser.add_argument("--seed", type=int, help="Seed of the environment and the agent (-1: random).")
    if library is None:
        parser.add_argument("--max_steps", type=positive_int, help="Stop after this many steps (default: Ctrl-C).")
        add_launcher_args(parser)
        return parser
    parser.add_argument("--experiment_name", help="Folder under logs/<library>/ (default: the agent config's).")
    parser.add_argument(
        "--run_name",
        help="Suffix of the run folder name"
        + (" (with --checkpoint latest: the newest run of that name)." if action == "play" else "."),
    )
    parser.add_argument(
        "--checkpoint",
        help="Checkpoint file, run folder, or 'latest' (the newest run of this task and library).",
    )
    if action == "train":
        parser.add_argument("--max_iterations", type=positive_int, help="Training iterations (rollouts per env).")
        parser.add_argument(
            "--resume", action="store_true", help="Continue from --checkpoint (default: latest) in a new run folder."
        )
        distributed.add_argument(parser)
    else:
        parser.add_argument("--num_episodes", type=positive_int, default=32, help="Episodes to evaluate.")
        parser.add_argument("--no_export", action="store_true", help="Skip writing the exported policy.")
        parser.add_argument(
            "--command",
            type=float,
            nargs=3,
            metavar=("VX", "VY", "WZ"),
            help="Velocity tasks: hold every robot's command at VX, VY [m/s] (base frame) and WZ [rad/s], "
            "e.g. --command 1 0 0 (forward), 0 0 1 (turn), 0 0 0 (stand).",
        )
    parser.add_argument("--video", action="store_true", help="Record videos (needs a visualizer, see --viz).")
    parser.add_argument("--video_length", type=positive_int, help="Length of each video clip [env steps].")
    parser.add_argument("--video_interval", type=positive_int, help="Steps between the starts of two clips.")
    # Isaac Lab's launcher flags: --device, --viz, and the Kit options used when running inside Isaac Sim
    add_launcher_args(parser)
    return parser


def parse_args(action: Action, library: str | None = None, argv: list[str] | None = None) -> argparse.Namespace:
    """Parse the command line; ``args.overrides`` holds the trailing ``key=value`` tokens.

    Raises:
        UserError: For an unknown flag, a malformed override or an unusable ``--device``.
    """
    from isaaclab_tasks.utils import setup_preset_cli

    parser = build_parser(action, library)
    # Isaac Lab's helper adds the preset help (``--task X --help`` lists the task's presets)
    args, remaining = setup_preset_cli(parser, argv)
    for token in remaining:
        if not _OVERRIDE.match(token):
            raise UserError(
                f"unrecognized argument {token!r}: flags are listed by --help, and overrides look like "
                "env.<path>=<value>, agent.<path>=<value>, physics=<name> or presets=<name>",
                exit_code=EXIT_USAGE,
            )
    args.overrides = remaining
    if action == "train":
        # --distributed (my_tasks.rl.distributed): the ranks torchrun started, each on its own GPU; SB3 refused
        args.ranks = distributed.resolve_ranks(args, library)
    if not getattr(args, "distributed", False):
        args.device = resolve_device(args.device if getattr(args, "device_explicit", False) else None)
    if args.seed == -1:
        args.seed = random.randint(0, 2**31 - 1)
    return args


def resolve_device(requested: str | None) -> str:
    """The simulation and training device: the requested one, checked, or the first GPU if there is one.

    Raises:
        UserError: If the device is malformed, or names a GPU that this machine does not have.
    """
    import torch

    if requested is None:
        return "cuda:0" if torch.cuda.is_available() else "cpu"
    match = re.fullmatch(r"cpu|cuda(?::(\d+))?", requested)
    if match is None:
        raise UserError(f"--device {requested!r}: expected cpu, cuda or cuda:<index>", exit_code=EXIT_USAGE)
    if requested == "cpu":
        return requested
    if not torch.cuda.is_available():
        raise UserError(f"--device {requested}: this machine has no CUDA GPU that torch can use; use --device cpu")
    index = int(match.group(1) or 0)
    if index >= torch.cuda.device_count():
        raise UserError(f"--device {requested}: there are only {torch.cuda.device_count()} CUDA device(s)")
    return f"cuda:{index}"
