# Copyright (c) 2026, The my_tasks Project Developers.
# SPDX-License-Identifier: BSD-3-Clause

"""Bad input is reported in one line with a non-zero exit code, never as a traceback."""

from __future__ import annotations

import sys
from collections.abc import Callable

EXIT_USAGE = 2  # as argparse: the command line itself is wrong (unknown task, flag or override)
EXIT_FAILURE = 1  # the command line is well formed but cannot be carried out (missing checkpoint, no GPU)
EXIT_INTERRUPTED = 130  # the shell's code for a process stopped by Ctrl-C (128 + SIGINT)


class UserError(Exception):
    """A problem with what the user asked for; its message says what is wrong and how to fix it."""

    def __init__(self, message: str, exit_code: int = EXIT_FAILURE):
        super().__init__(message)
        self.exit_code = exit_code


def run_main(main: Callable[[], None]) -> None:
    """Run a script's ``main`` and exit: 0 on success, the error's code on bad input, 130 on Ctrl-C.

    Anything else is a bug in the code and keeps its traceback.
    """
    try:
        main()
    except UserError as error:
        print(f"error: {error}", file=sys.stderr)
        sys.exit(error.exit_code)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        sys.exit(EXIT_INTERRUPTED)
    sys.exit(0)
