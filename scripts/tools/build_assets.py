# Copyright (c) 2026, The my_tasks Project Developers.
# SPDX-License-Identifier: BSD-3-Clause

"""Build the robot USD files that ship with my_tasks from URDFs in the PyPI package ``example-robot-data``.

Each robot's URDF (with its meshes) is converted by ``urdf-usd-converter``, then reshaped for Isaac Lab
by ``usd_articulation.py`` (flat bodies, helper links folded, no world weld, simple foot colliders),
and written as one binary USD file next to ``PROVENANCE.md``. Both packages are build tools, installed
with the dev dependencies, not run-time dependencies of my_tasks.

    python scripts/tools/build_assets.py                  # all robots, into my_tasks/assets/data
    python scripts/tools/build_assets.py go2 --out DIR    # one robot, elsewhere (the tests do this)

The output is reproducible: the same package versions give the same bytes.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import usd_articulation
from pxr import Usd, UsdPhysics

DATA_DIR = Path(__file__).resolve().parents[2] / "source" / "my_tasks" / "my_tasks" / "assets" / "data"
LEGS = ("FL", "FR", "RL", "RR")


@dataclass(frozen=True)
class RobotSource:
    """Where a robot comes from and what the reshaping does to it."""

    urdf: str  # path below example-robot-data's robots/ folder
    upstream: str
    license: str
    merge_links: tuple[str, ...] = ()  # fixed helper links folded into their parent link
    colliders: dict[str, str] = field(default_factory=dict)  # link -> "sphere" | "box" replacing its meshes


ROBOTS = {
    "go2": RobotSource(
        urdf="go2_description/urdf/go2.urdf",
        upstream="https://github.com/unitreerobotics/unitree_ros/tree/master/robots/go2_description",
        license="MPL-2.0",
        # the motor rotors are fixed links; Isaac Lab's Go2 has none (their inertia rides on the links)
        merge_links=tuple(f"{leg}_{part}_rotor" for leg in LEGS for part in ("hip", "thigh", "calf")),
        # spheres for the feet: one smooth contact point each; a box for the trunk
        colliders={"base": "box", **{f"{leg}_foot": "sphere" for leg in LEGS}},
    ),
    "panda": RobotSource(
        urdf="panda_description/urdf/panda.urdf",
        upstream="https://github.com/frankaemika/franka_ros/tree/noetic-devel/franka_description",
        license="Apache-2.0",
        # the converter already keeps the massless flange and tool-centre links as plain frames;
        # the hand stays a body welded to panda_link7, as in Isaac Lab's Franka
    ),
}


def robots_dir() -> Path:
    """The ``robots`` folder installed by the ``example-robot-data`` package."""
    files = importlib.metadata.files("example-robot-data") or []
    urdf = next(f for f in files if str(f).endswith("go2_description/urdf/go2.urdf"))
    return Path(urdf.locate()).parents[2]


def build(name: str, out_dir: Path) -> Path:
    """Convert and reshape one robot; return the written file."""
    from urdf_usd_converter import Converter

    source = ROBOTS[name]
    with tempfile.TemporaryDirectory() as scratch:
        converted = Converter(layer_structure=False, scene=False).convert(str(robots_dir() / source.urdf), scratch)
        stage = usd_articulation.deinstance(Usd.Stage.Open(converted.path))
        usd_articulation.drop_root_joint(stage)
        for link in source.merge_links:
            usd_articulation.merge_fixed_link(stage, link)
        for link, shape in source.colliders.items():
            usd_articulation.fit_collider(stage, link, shape)
        usd_articulation.flatten_links(stage)
        layer = stage.GetRootLayer()
        # the flattened layer records the scratch folder it came from: not reproducible, not useful
        layer.documentation = f"{name}: built by scripts/tools/build_assets.py from example-robot-data ({source.urdf})"
        text = Path(scratch) / f"{name}.usda"
        layer.Export(str(text))
        out_dir.mkdir(parents=True, exist_ok=True)
        path = out_dir / f"{name}.usdc"
        # The binary format orders its tables by what the writing process saw before (paths of the
        # install, earlier robots), so the same data could give other bytes elsewhere. Written by a fresh
        # interpreter from the text form, the bytes depend on the data alone.
        write_binary = "import sys; from pxr import Sdf; Sdf.Layer.FindOrOpen(sys.argv[1]).Export(sys.argv[2])"
        subprocess.run([sys.executable, "-c", write_binary, str(text), str(path)], check=True)
    return path


def provenance() -> str:
    """``PROVENANCE.md``: the source, version and license of every robot."""
    versions = {pkg: importlib.metadata.version(pkg) for pkg in ("example-robot-data", "urdf-usd-converter")}
    lines = [
        "# Provenance of the robot assets",
        "",
        "Built by `scripts/tools/build_assets.py` from the URDFs and meshes of the PyPI package",
        f"`example-robot-data=={versions['example-robot-data']}` (BSD-3-Clause packaging), converted with",
        f"`urdf-usd-converter=={versions['urdf-usd-converter']}` (Apache-2.0). The robots keep their own licenses:",
        "",
        "| file | robot | source in example-robot-data | upstream | license |",
        "| --- | --- | --- | --- | --- |",
    ]
    for name, source in ROBOTS.items():
        lines.append(f"| `{name}.usdc` | {name} | `robots/{source.urdf}` | {source.upstream} | {source.license} |")
    return "\n".join(lines) + "\n"


def summary(path: Path) -> str:
    stage = Usd.Stage.Open(str(path))
    links = usd_articulation.links_of(stage)
    mass = sum(UsdPhysics.MassAPI(p).GetMassAttr().Get() for p in links.values())
    joints = [j for j in usd_articulation.joints_of(stage) if not j.GetPrim().IsA(UsdPhysics.FixedJoint)]
    return f"{path.name}: {len(links)} bodies, {len(joints)} joints, {mass:.2f} kg, {path.stat().st_size / 1e6:.2f} MB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("robots", nargs="*", help=f"Robots to build, from {', '.join(ROBOTS)} (default: all).")
    parser.add_argument("--out", type=Path, default=DATA_DIR, help="Output directory (default: the package data).")
    args = parser.parse_args()
    unknown = set(args.robots) - set(ROBOTS)
    if unknown:
        parser.error(f"unknown robot(s) {', '.join(sorted(unknown))}; known: {', '.join(ROBOTS)}")
    for name in args.robots or ROBOTS:
        print(summary(build(name, args.out)))
    (args.out / "PROVENANCE.md").write_text(provenance())


if __name__ == "__main__":
    main()
