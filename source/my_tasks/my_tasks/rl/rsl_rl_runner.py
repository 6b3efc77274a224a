# Copyright (c) 2026, The my_tasks Project Developers.
# SPDX-License-Identifier: BSD-3-Clause

"""rsl_rl's PPO runner with the checkpoint behaviour that ``DESIGN.md`` asks of every library."""

from __future__ import annotations

from pathlib import Path

from rsl_rl.runners import OnPolicyRunner

from . import distributed
from .checkpoints import save_atomically
from .errors import UserError
from .progress import ProgressLine


class OnPolicyRunnerWithResume(OnPolicyRunner):
    """:class:`rsl_rl.runners.OnPolicyRunner` whose checkpoints are atomic and continue the count on resume.

    * ``save`` writes to a temporary file and renames it: rsl_rl's ``torch.save`` writes in place,
      so a crash mid-write would leave a truncated checkpoint behind.
    * ``load`` resumes at the iteration after the saved one; rsl_rl would repeat the saved one.
    * ``load`` turns a checkpoint that does not fit the policy (other sizes) into a one-line error.
    * ``learn`` prints the :class:`~my_tasks.rl.progress.ProgressLine` after rsl_rl's own iteration log
      (on rank 0 only, counting the env steps of all ranks, in a ``--distributed`` run), and ends every
      iteration with :func:`~my_tasks.rl.distributed.stop_if_requested`.
    """

    def learn(self, num_learning_iterations: int, init_at_random_ep_len: bool = False) -> None:
        first = self.current_learning_iteration
        steps_per_iteration = self.cfg["num_steps_per_env"] * self.env.num_envs * self.gpu_world_size
        progress = ProgressLine(first, first + num_learning_iterations - 1, steps_per_iteration)
        rsl_rl_log = self.logger.log

        def log_with_progress(**kwargs) -> None:
            rsl_rl_log(**kwargs)
            if self.gpu_global_rank == 0:
                progress.update(
                    kwargs["it"],
                    self.logger.rewbuffer,
                    self.logger.lenbuffer,
                    collection_s=kwargs["collect_time"],
                    update_s=kwargs["learn_time"],
                )
            distributed.stop_if_requested(self.device)

        self.logger.log = log_with_progress  # rsl_rl calls logger.log once at the end of every iteration
        try:
            super().learn(num_learning_iterations, init_at_random_ep_len=init_at_random_ep_len)
        finally:
            del self.logger.log

    def save(self, path: str, infos: dict | None = None) -> None:
        saved = self.alg.save()
        saved["iter"] = self.current_learning_iteration
        saved["infos"] = infos
        save_atomically(saved, Path(path))
        self.logger.save_model(path, self.current_learning_iteration)

    def load(self, path: str, load_cfg: dict | None = None, strict: bool = True, map_location: str | None = None):
        try:
            infos = super().load(path, load_cfg=load_cfg, strict=strict, map_location=map_location)
        except RuntimeError as error:
            if "size mismatch" not in str(error) and "Missing key" not in str(error):
                raise
            raise UserError(
                f"checkpoint {path} does not fit this task's policy (its network sizes differ): "
                "was it trained on another task or with another agent config?"
            ) from None
        self.current_learning_iteration += 1
        return infos

    def flush_logs(self) -> None:
        """Write pending TensorBoard events now (training stopped before rsl_rl closed its writer)."""
        if self.logger.writer is not None and hasattr(self.logger.writer, "flush"):
            self.logger.writer.flush()
