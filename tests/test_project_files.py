# Copyright (c) 2026, The my_tasks Project Developers.
# SPDX-License-Identifier: BSD-3-Clause

"""The files that tools other than Python read: Docker images, compose, the Isaac Sim manifest, VS Code.

Docker, Isaac Sim and VS Code are not installed where the tests run, so each test reads a file as its
tool would and checks what a user relies on: the image gets the sources it installs, a run lands in
the host's logs/, Isaac Sim finds the module at the package's version, a debug configuration starts.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import importlib.util
import json
import os
import re
import shlex
import subprocess
import tomllib
from pathlib import Path

import gymnasium as gym
import pytest
import yaml

import my_tasks  # noqa: F401  (registers the tasks that the launch configurations and images name)
from my_tasks.rl import cli

pytestmark = pytest.mark.unit

REPO_ROOT = Path(__file__).resolve().parents[1]
DOCKER_DIR = REPO_ROOT / "docker"
DOCKERFILES = sorted(DOCKER_DIR.glob("Dockerfile*"))
COMPOSE_FILE = DOCKER_DIR / "docker-compose.yaml"
EXTENSION_DIR = REPO_ROOT / "source" / "my_tasks"
VSCODE_DIR = REPO_ROOT / ".vscode"
WORKSPACE = "${workspaceFolder}"


# --- Docker ---------------------------------------------------------------------------------------


def dockerfile_instructions(dockerfile: Path) -> list[tuple[str, str]]:
    """The ``(INSTRUCTION, arguments)`` of a Dockerfile: continuation lines joined, comments dropped."""
    instructions, pending = [], ""
    for line in dockerfile.read_text().splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if stripped.endswith("\\"):
            pending += stripped[:-1] + " "
            continue
        keyword, _, arguments = (pending + stripped).partition(" ")
        instructions.append((keyword.upper(), arguments.strip()))
        pending = ""
    return instructions


def copied_sources(dockerfile: Path) -> list[str]:
    """The build-context paths that the Dockerfile's COPY and ADD instructions take (not other stages')."""
    sources = []
    for keyword, arguments in dockerfile_instructions(dockerfile):
        if keyword not in ("COPY", "ADD"):
            continue
        words = json.loads(arguments) if arguments.startswith("[") else shlex.split(arguments)
        if any(word.startswith("--from=") for word in words):
            continue
        paths = [word for word in words if not word.startswith("--")]
        sources += [os.path.normpath(path) for path in paths[:-1]]
    return sources


def last_instruction(dockerfile: Path, keyword: str) -> str:
    values = [arguments for name, arguments in dockerfile_instructions(dockerfile) if name == keyword]
    assert values, f"{dockerfile.name} has no {keyword}"
    return values[-1]


def dockerignore_rules() -> list[tuple[bool, re.Pattern]]:
    """``.dockerignore`` as ``(is_exception, regex)`` rules: ``*``, ``?``, ``**`` and ``!`` as Docker reads them."""
    rules = []
    for line in (REPO_ROOT / ".dockerignore").read_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        is_exception = line.startswith("!")
        pattern = os.path.normpath(line.removeprefix("!").strip()).lstrip("/")
        regex = ""
        for token in re.findall(r"\*\*/|\*\*|\*|\?|[^*?]", pattern):
            regex += {"**/": "(?:.*/)?", "**": ".*", "*": "[^/]*", "?": "[^/]"}.get(token, re.escape(token))
        rules.append((is_exception, re.compile(regex)))
    return rules


def excluded_from_context(path: str, rules: list[tuple[bool, re.Pattern]]) -> bool:
    """Whether Docker leaves ``path`` out: the last rule matching it or one of its parent folders decides."""
    parts = path.split("/")
    candidates = ["/".join(parts[:depth]) for depth in range(1, len(parts) + 1)]
    excluded = False
    for is_exception, regex in rules:
        if any(regex.fullmatch(candidate) for candidate in candidates):
            excluded = not is_exception
    return excluded


def tracked_files(path: str) -> list[str]:
    if not (REPO_ROOT / ".git").exists():
        pytest.skip("not a git checkout: the tracked files are unknown")
    listing = subprocess.run(
        ["git", "ls-files", "-z", "--", path], cwd=REPO_ROOT, capture_output=True, text=True, check=True
    )
    return [name for name in listing.stdout.split("\0") if name]


def test_there_is_a_kitless_and_an_isaac_sim_image():
    assert [dockerfile.name for dockerfile in DOCKERFILES] == ["Dockerfile", "Dockerfile.isaacsim"]


@pytest.mark.parametrize("dockerfile", DOCKERFILES, ids=lambda dockerfile: dockerfile.name)
def test_an_image_gets_every_tracked_file_it_copies(dockerfile):
    rules = dockerignore_rules()
    sources = copied_sources(dockerfile)
    assert {"source/my_tasks", "scripts"} <= set(sources), f"{dockerfile.name} must install the package and scripts"
    for source in sources:
        assert (REPO_ROOT / source).exists(), f"{dockerfile.name} copies {source}, which is not in the repository"
        files = tracked_files(source)
        assert files, f"{dockerfile.name} copies {source}, which holds no tracked file"
        left_out = [name for name in files if excluded_from_context(name, rules)]
        assert not left_out, f".dockerignore keeps these files of {source} out of {dockerfile.name}: {left_out[:10]}"


def test_the_kitless_image_installs_the_locked_stack():
    install = [
        arguments for keyword, arguments in dockerfile_instructions(DOCKER_DIR / "Dockerfile") if keyword == "RUN"
    ]
    assert any("-c requirements/lock.txt" in command and "source/my_tasks" in command for command in install)
    assert "requirements/lock.txt" in copied_sources(DOCKER_DIR / "Dockerfile")


def test_the_build_context_leaves_out_local_state():
    rules = dockerignore_rules()
    for path in (
        ".venv/bin/python",
        ".git/HEAD",
        "logs/rsl_rl/cartpole_direct/2026-01-01_00-00-00/model_5.pt",
        "docs/_build/html/index.html",
        "source/my_tasks/my_tasks/__pycache__/__init__.cpython-312.pyc",
        "source/my_tasks/my_tasks.egg-info/PKG-INFO",
        ".pytest_cache/v/cache/nodeids",
        ".ruff_cache/CACHEDIR.TAG",
    ):
        assert excluded_from_context(path, rules), f"{path} would be sent to the Docker build"


@pytest.mark.parametrize("dockerfile", DOCKERFILES, ids=lambda dockerfile: dockerfile.name)
def test_an_image_trains_the_cartpole_on_the_gpu_by_default(dockerfile, monkeypatch):
    command = json.loads(last_instruction(dockerfile, "CMD"))
    script = next(word for word in command if word.endswith(".py"))
    assert (REPO_ROOT / script).is_file(), f"{dockerfile.name} runs {script}, which does not exist"
    library, action = Path(script).parent.name, Path(script).stem
    assert (library, action) == ("rsl_rl", "train")
    # the image has a GPU, this machine may not: check the flags, not the device
    monkeypatch.setattr(cli, "resolve_device", lambda requested: requested)
    args = cli.parse_args(action, library, argv=command[command.index(script) + 1 :])
    assert args.task == "MyTasks-Cartpole-Direct"
    assert args.device == "cuda:0"


def compose_services() -> dict:
    return yaml.safe_load(COMPOSE_FILE.read_text())["services"]


def test_compose_builds_each_image_from_the_repository_root():
    built = []
    for name, service in compose_services().items():
        context = (COMPOSE_FILE.parent / service["build"]["context"]).resolve()
        dockerfile = (context / service["build"]["dockerfile"]).resolve()
        assert context == REPO_ROOT, f"{name}: the build context must be the repository root (its .dockerignore)"
        assert dockerfile.is_file(), f"{name} builds {dockerfile}, which does not exist"
        built.append(dockerfile)
    assert sorted(built) == DOCKERFILES


def test_compose_writes_runs_to_the_host_logs_folder_with_a_gpu():
    for name, service in compose_services().items():
        dockerfile = (REPO_ROOT / service["build"]["dockerfile"]).resolve()
        container_logs = last_instruction(dockerfile, "WORKDIR").rstrip("/") + "/logs"
        mounts = {}
        for volume in service.get("volumes", []):
            if isinstance(volume, str):
                source, target = volume.split(":")[:2]
            else:
                source, target = volume["source"], volume["target"]
            mounts[target] = (COMPOSE_FILE.parent / source).resolve()
        # the scripts write logs/ under the working directory, as on the host
        assert mounts.get(container_logs) == REPO_ROOT / "logs", f"{name} does not mount logs/ at {container_logs}"
        devices = service["deploy"]["resources"]["reservations"]["devices"]
        assert any(device["driver"] == "nvidia" and "gpu" in device["capabilities"] for device in devices), name


# --- Isaac Sim extension manifest -----------------------------------------------------------------


def extension_manifest() -> dict:
    return tomllib.loads((EXTENSION_DIR / "config" / "extension.toml").read_text())


def test_the_extension_manifest_has_what_isaac_sim_reads():
    manifest = extension_manifest()
    package = manifest["package"]
    for field in ("version", "title", "description", "category", "author", "keywords", "readme", "changelog"):
        assert package.get(field), f"[package] {field} is missing"
    for document in ("readme", "changelog"):
        assert (EXTENSION_DIR / package[document]).is_file(), f"[package] {document} = {package[document]!r}"
    assert [module["name"] for module in manifest["python"]["module"]] == ["my_tasks"]
    assert manifest["dependencies"], "[dependencies] must name the Isaac Lab extensions my_tasks imports"


def test_the_extension_modules_and_dependencies_import():
    manifest = extension_manifest()
    for module in manifest["python"]["module"]:
        importlib.import_module(module["name"])
    # Isaac Lab's extensions are named as their Python packages: a typo here stops Isaac Sim loading us
    for dependency in manifest["dependencies"]:
        assert importlib.util.find_spec(dependency) is not None, f"[dependencies] {dependency} is not installed"


def test_the_extension_version_is_the_package_version():
    manifest_version = extension_manifest()["package"]["version"]
    pyproject = tomllib.loads((EXTENSION_DIR / "pyproject.toml").read_text())
    assert manifest_version == pyproject["project"]["version"]
    assert manifest_version == importlib.metadata.version("my_tasks"), "run `make setup` after a version change"
    # Isaac Lab's convention: the newest changelog entry is the manifest's version
    changelog = (EXTENSION_DIR / extension_manifest()["package"]["changelog"]).read_text()
    newest = re.search(r"^(\d+\.\d+\.\d+) \(\d{4}-\d{2}-\d{2}\)$", changelog, re.MULTILINE)
    assert newest is not None and newest.group(1) == manifest_version


# --- VS Code --------------------------------------------------------------------------------------


def vscode(name: str) -> dict:
    # plain JSON (no comments), so that check-json in pre-commit and this test read them as VS Code does
    return json.loads((VSCODE_DIR / name).read_text())


def in_workspace(value: str) -> Path:
    return Path(value.replace(WORKSPACE, str(REPO_ROOT)))


@pytest.mark.parametrize("name", ["settings.json", "launch.json", "tasks.json", "extensions.json"])
def test_vscode_files_are_json(name):
    assert isinstance(vscode(name), dict)


def test_vscode_uses_the_venv_and_the_tools_of_the_repository():
    settings = vscode("settings.json")
    assert settings["python.defaultInterpreterPath"] == f"{WORKSPACE}/.venv/bin/python"  # what `make setup` builds
    for path in settings["python.analysis.extraPaths"]:
        assert (in_workspace(path) / "my_tasks" / "__init__.py").is_file(), f"extraPaths {path} holds no my_tasks"
    assert settings["python.testing.pytestEnabled"] is True
    assert (REPO_ROOT / settings["python.testing.pytestArgs"][-1]).is_file()
    formatter = settings["[python]"]["editor.defaultFormatter"]
    assert formatter == "charliermarsh.ruff"
    assert formatter in vscode("extensions.json")["recommendations"]


def test_every_launch_configuration_starts_with_arguments_its_script_accepts(monkeypatch):
    monkeypatch.setattr(cli, "resolve_device", lambda requested: requested)
    scripts = set()
    for config in vscode("launch.json")["configurations"]:
        if "module" in config:
            assert importlib.util.find_spec(config["module"]) is not None, config["name"]
            continue
        if config["program"] == "${file}":
            continue
        program = in_workspace(config["program"])
        assert program.is_file(), f"{config['name']}: {program} does not exist"
        library, action = program.parent.name, program.stem
        args = cli.parse_args(action, library, argv=config["args"])
        assert args.task in gym.registry, config["name"]
        assert args.device == "cpu", f"{config['name']} must run on any machine"
        scripts.add((library, action))
    assert scripts == {(library, action) for library in cli.LIBRARIES for action in ("train", "play")}


def test_vscode_tasks_run_make_targets_that_exist():
    makefile = (REPO_ROOT / "Makefile").read_text()
    targets = set(re.findall(r"^([\w-]+):[^=\n]*##", makefile, re.MULTILINE))
    tasks = vscode("tasks.json")["tasks"]
    assert {"make demo", "make test", "make lint", "make docs"} <= {task["label"] for task in tasks}
    for task in tasks:
        assert task["command"] == "make"
        assert set(task["args"]) <= targets, f"{task['label']}: no such target in the Makefile"


# --- CONTRIBUTING.md ------------------------------------------------------------------------------


def test_contributing_links_to_files_that_exist():
    text = (REPO_ROOT / "CONTRIBUTING.md").read_text()
    links = [target for target in re.findall(r"\]\(([^)#\s]+)\)", text) if "://" not in target]
    assert links, "CONTRIBUTING.md links to the tutorial and the README"
    for target in links:
        assert (REPO_ROOT / target).exists(), f"CONTRIBUTING.md links to {target}, which does not exist"


# --- pre-commit -----------------------------------------------------------------------------------


def test_precommit_hooks_pin_the_dev_tools_of_the_venv():
    dev_pins = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text())["dependency-groups"]["dev"]
    hooks = yaml.safe_load((REPO_ROOT / ".pre-commit-config.yaml").read_text())
    assert [repo["repo"] for repo in hooks["repos"]] == ["local"], "hooks on GitHub cannot be fetched everywhere"
    for hook in hooks["repos"][0]["hooks"]:
        assert hook["language"] == "python", hook["id"]
        for requirement in hook["additional_dependencies"]:
            # `make lint` and the tools in .venv (editor, command line) must agree
            assert requirement in dev_pins, f"hook {hook['id']} pins {requirement}, the dev group does not"
