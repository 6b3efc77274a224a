# Two commands do everything: `make demo` (train, play and export a cartpole on the CPU) and
# `make test`. Both set up .venv first when it is missing or out of date.

PYTHON_VENV := .venv/bin/python
DEMO_TASK := MyTasks-Cartpole-Direct

.PHONY: setup demo test lint lock clean-logs

setup:  ## create or update .venv (idempotent; quick when nothing changed)
	@bash scripts/tools/setup_venv.sh

demo: setup  ## train MyTasks-Cartpole-Direct with rsl_rl on the CPU, play it, export it
	$(PYTHON_VENV) scripts/rsl_rl/train.py --task $(DEMO_TASK) --device cpu --num_envs 256 --max_iterations 100 --run_name demo
	$(PYTHON_VENV) scripts/rsl_rl/play.py --task $(DEMO_TASK) --device cpu --checkpoint latest

test: setup  ## the test suite, on the CPU
	$(PYTHON_VENV) -m pytest

lint: setup  ## ruff (format and lint) and codespell, through pre-commit
	.venv/bin/pre-commit run --all-files

lock:  ## re-resolve the dependencies and rewrite requirements/lock.txt
	bash scripts/tools/update_lock.sh

clean-logs:  ## delete every run under logs/
	rm -rf logs
