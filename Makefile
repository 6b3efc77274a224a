# Two commands do everything: `make demo` (train, play and export a cartpole on the CPU) and
# `make test` (lint, docs and the test suite). Both set up .venv first when it is missing or out of date.

PYTHON_VENV := .venv/bin/python
DEMO_TASK := MyTasks-Cartpole-Direct
BENCH_ARGS ?=

.PHONY: setup demo test lint docs lock clean-logs bench

setup:  ## create or update .venv (idempotent; quick when nothing changed)
	@bash scripts/tools/setup_venv.sh

demo: setup  ## train MyTasks-Cartpole-Direct with rsl_rl on the CPU, play it, export it
	$(PYTHON_VENV) scripts/rsl_rl/train.py --task $(DEMO_TASK) --device cpu --num_envs 256 --max_iterations 100 --run_name demo
	$(PYTHON_VENV) scripts/rsl_rl/play.py --task $(DEMO_TASK) --device cpu --checkpoint latest

test: setup lint docs  ## lint, build the docs, then the test suite on the CPU
	$(PYTHON_VENV) -m pytest

bench: setup  ## every MyTasks-* task beside Isaac Lab's twin, each library's training speed (BENCH_ARGS="--tasks ...")
	$(PYTHON_VENV) scripts/benchmark.py $(BENCH_ARGS)

lint: setup  ## ruff, codespell, yaml/toml/json checks and hadolint, through pre-commit
	.venv/bin/pre-commit run --all-files

docs: setup  ## build the Sphinx site into docs/_build/html (warnings are errors)
	.venv/bin/sphinx-build -W --keep-going -b html docs docs/_build/html

lock:  ## re-resolve the dependencies and rewrite requirements/lock.txt
	bash scripts/tools/update_lock.sh

clean-logs:  ## delete every run under logs/
	rm -rf logs
