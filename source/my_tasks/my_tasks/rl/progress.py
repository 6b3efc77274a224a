# Copyright (c) 2026, The my_tasks Project Developers.
# SPDX-License-Identifier: BSD-3-Clause

"""One compact progress line per training iteration, the same for rsl_rl, skrl and SB3.

Each library keeps its own logging (rsl_rl's iteration block, skrl's and SB3's TensorBoard scalars and
SB3's table); this line is what they all print alike::

    [my_tasks] it  12/100 | 7,412 env-steps/s | return   3.21 | episode length 150.2 | 0:15 elapsed, 1:50 left

The mean return and episode length are those of the library's own window of recently ended episodes
(the last 100 for all three), so the line agrees with the library's log. Where the library measures them,
the line ends with where the iteration's time went: ``| collect 0.48 s, update 0.07 s``, collecting the
rollout (acting and stepping the env) and the update (PPO's epochs, logging, checkpoints).
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterable


class ProgressLine:
    """Print the progress line of a training run; call :meth:`update` once per finished iteration.

    Args:
        first_iteration: The iteration the run starts at (0, or the one after the checkpoint it resumed from).
        last_iteration: The iteration it ends with.
        steps_per_iteration: Env steps per iteration, all envs together (rollout length x number of envs).
    """

    def __init__(self, first_iteration: int, last_iteration: int, steps_per_iteration: int):
        self.first_iteration = first_iteration
        self.last_iteration = last_iteration
        self.steps_per_iteration = steps_per_iteration
        self._start = time.monotonic()
        self._last = self._start

    def update(
        self,
        iteration: int,
        returns: Iterable[float],
        lengths: Iterable[float],
        collection_s: float | None = None,
        update_s: float | None = None,
    ) -> str:
        """Print and return the line of ``iteration``, given the returns and lengths of recent episodes.

        ``collection_s`` and ``update_s``, where the library measures them, are the seconds the iteration
        spent collecting its rollout and updating the policy.
        """
        now = time.monotonic()
        steps_per_second = self.steps_per_iteration / max(now - self._last, 1e-9)
        self._last = now
        done = iteration - self.first_iteration + 1
        elapsed = now - self._start
        left = elapsed / done * (self.last_iteration - iteration)
        returns, lengths = list(returns), list(lengths)
        width = len(str(self.last_iteration))
        line = (
            f"[my_tasks] it {iteration:>{width}}/{self.last_iteration} | {steps_per_second:,.0f} env-steps/s | "
            f"return {_mean(returns):>8.3f} | episode length {_mean(lengths):>6.1f} | "
            f"{_clock(elapsed)} elapsed, {_clock(left)} left"
        )
        if collection_s is not None and update_s is not None:
            line += f" | collect {collection_s:.2f} s, update {update_s:.2f} s"
        print(line, flush=True)
        return line


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else math.nan


def _clock(seconds: float) -> str:
    minutes, seconds = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"
