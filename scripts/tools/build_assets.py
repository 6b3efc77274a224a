# Copyright (c) 2026, The my_tasks Project Developers.
# SPDX-License-Identifier: BSD-3-Clause

"""Build the robot USD files that ship with my_tasks from URDFs in the PyPI package ``example-robot-data``.

Each robot's URDF (with its meshes) is converted by ``urdf-usd-converter``, then reshaped for Isaac Lab
by ``usd_articulation.py`` (flat bodies, helper links folded, no world weld, primitive colliders, motor armature),
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
from usd_articulation import Collider

DATA_DIR = Path(__file__).resolve().parents[2] / "source" / "my_tasks" / "my_tasks" / "assets" / "data"
LEGS = ("FL", "FR", "RL", "RR")
HALF_PI = 1.5707963267948966

# Unitree's GO-M8010-6 joint motor: a 6.33:1 planetary reduction. The knee adds a linkage whose ratio shows in
# the joint torque limits of the URDF (45.43 N m at the knee, 23.7 N m at hip and thigh, the same motor).
GO2_GEAR_RATIO = {"hip": 6.33, "thigh": 6.33, "calf": 6.33 * 45.43 / 23.7}


def go2_colliders() -> dict[str, tuple[Collider, ...]]:
    """Unitree's own collision primitives of the Go2 (``go2_description.urdf`` in unitree_ros, MPL-2.0).

    example-robot-data replaced them by convex hulls of the visual meshes. Its trunk hull spans the head and the
    hip motors: the box fitted to it was 0.47 x 0.19 x 0.20 m instead of the trunk's 0.38 x 0.09 x 0.11 m and hung
    5 cm lower, so the body touched the ground in poses where the real robot's does not, and the front hips had no
    collider at all. These are the shapes of Unitree's URDF (Isaac Lab's Go2 was converted from it).
    """
    colliders: dict[str, tuple[Collider, ...]] = {
        "base": (
            Collider("box", (0.3762, 0.0935, 0.114)),
            Collider("cylinder", (0.05, 0.09), pos=(0.285, 0.0, 0.01)),  # the head, upper part
            Collider("sphere", (0.047,), pos=(0.293, 0.0, -0.06)),  # the head, lower part
        )
    }
    for leg in LEGS:
        side = 1.0 if leg.endswith("L") else -1.0
        # the URDF gives the front-left shin a slightly thinner, steeper cylinder than the other three
        shin = (0.012, 0.008, -0.21) if leg == "FL" else (0.013, 0.01, -0.2)  # radius, x, pitch
        colliders[f"{leg}_hip"] = (
            Collider("cylinder", (0.046, 0.04), pos=(0.0, side * 0.08, 0.0), rpy=(HALF_PI, 0, 0)),
        )
        colliders[f"{leg}_thigh"] = (Collider("box", (0.213, 0.0245, 0.034), pos=(0, 0, -0.1065), rpy=(0, HALF_PI, 0)),)
        colliders[f"{leg}_calf"] = (
            Collider("cylinder", (shin[0], 0.12), pos=(shin[1], 0.0, -0.06), rpy=(0.0, shin[2], 0.0)),
            Collider("cylinder", (0.011, 0.065), pos=(0.02, 0.0, -0.148), rpy=(0.0, 0.05, 0.0)),  # the lower shin
            # the ankle bulge, a child frame of the lower shin at (-0.01, 0, -0.04) pitched by 0.48 rad
            Collider("cylinder", (0.0155, 0.03), pos=(0.00801, 0.0, -0.18745), rpy=(0.0, 0.53, 0.0)),
        )
        colliders[f"{leg}_foot"] = (Collider("sphere", (0.022,), pos=(-0.002, 0.0, 0.0)),)
    return colliders


@dataclass(frozen=True)
class RobotSource:
    """Where a robot comes from and what the reshaping does to it."""

    urdf: str  # path below example-robot-data's robots/ folder
    upstream: str
    license: str
    merge_links: tuple[str, ...] = ()  # fixed helper links folded into their parent link
    colliders: dict[str, tuple[Collider, ...]] = field(default_factory=dict)  # link -> primitives replacing its meshes
    # motor rotor link -> (the joint it drives, gear ratio): the joint's armature is the rotor's inertia x ratio^2
    rotors: dict[str, tuple[str, float]] = field(default_factory=dict)


ROBOTS = {
    "go2": RobotSource(
        urdf="go2_description/urdf/go2.urdf",
        upstream="https://github.com/unitreerobotics/unitree_ros/tree/master/robots/go2_description",
        license="MPL-2.0",
        # the motor rotors are fixed links here: their mass rides on the link that carries the motor, and the
        # inertia they reflect through the gearbox (a spinning rotor, which a fixed link cannot express) becomes
        # the armature of the joint they drive. Without it each leg swings with a fraction of the real inertia.
        merge_links=tuple(f"{leg}_{part}_rotor" for leg in LEGS for part in ("hip", "thigh", "calf")),
        rotors={
            f"{leg}_{part}_rotor": (f"{leg}_{part}_joint", GO2_GEAR_RATIO[part])
            for leg in LEGS
            for part in ("hip", "thigh", "calf")
        },
        colliders=go2_colliders(),
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
        for rotor, (joint, ratio) in source.rotors.items():
            armature = usd_articulation.rotor_inertia_about(stage, rotor, joint) * ratio**2
            usd_articulation.set_armature(stage, joint, round(armature, 7))
        for link in source.merge_links:
            usd_articulation.merge_fixed_link(stage, link)
        for link, colliders in source.colliders.items():
            usd_articulation.set_colliders(stage, link, colliders)
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
    lines += [
        "",
        "Changed on the way (see `build_assets.py`):",
        "",
        "- Go2 colliders: the collision primitives of Unitree's own `urdf/go2_description.urdf` (the upstream",
        "  above) replace example-robot-data's convex hulls: trunk box, head, hip cylinders, thigh boxes, shin",
        "  cylinders, foot spheres.",
        "- Go2 joint armature: each motor rotor's inertia about its joint (from the rotor links of the URDF) times",
        "  the squared gear ratio (6.33:1 for hip and thigh, 6.33 x 45.43/23.7 for the knee).",
    ]
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
