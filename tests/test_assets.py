# Copyright (c) 2026, The my_tasks Project Developers.
# SPDX-License-Identifier: BSD-3-Clause

"""The shipped USD files: rebuilt identically by their script, with the layout Isaac Lab expects."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from conftest import SCRIPTS
from pxr import Sdf, Usd, UsdGeom, UsdPhysics

from my_tasks.assets import ASSETS_DATA_DIR

pytestmark = pytest.mark.unit

SHIPPED = ("cartpole.usda", "ground_plane.usda", "arrow_x.usda", "frame_prim.usda")
ROBOTS = ("go2.usdc", "panda.usdc")


def test_build_script_reproduces_the_shipped_files(tmp_path):
    for attempt in ("first", "second"):
        out = tmp_path / attempt
        build = [sys.executable, str(SCRIPTS / "tools" / "build_basic_assets.py"), "--out", str(out)]
        subprocess.run(build, check=True, capture_output=True, timeout=120)
    for name in SHIPPED:
        built = (tmp_path / "first" / name).read_bytes()
        assert built == (tmp_path / "second" / name).read_bytes(), f"{name} differs between two builds"
        assert built == (ASSETS_DATA_DIR / name).read_bytes(), f"{name} is not what the build script writes"


def test_robot_build_reproduces_the_shipped_files(tmp_path):
    """example-robot-data URDF -> urdf-usd-converter -> reshaping: the same bytes every time, offline."""
    for attempt in ("first", "second"):
        build = [sys.executable, str(SCRIPTS / "tools" / "build_assets.py"), "--out", str(tmp_path / attempt)]
        subprocess.run(build, check=True, capture_output=True, timeout=300)
    for name in (*ROBOTS, "PROVENANCE.md"):
        built = (tmp_path / "first" / name).read_bytes()
        assert built == (tmp_path / "second" / name).read_bytes(), f"{name} differs between two builds"
        assert built == (ASSETS_DATA_DIR / name).read_bytes(), f"{name} is not what build_assets.py writes"


def test_robot_assets_are_small_and_their_sources_recorded():
    sizes = {name: (ASSETS_DATA_DIR / name).stat().st_size for name in ROBOTS}
    assert sum(sizes.values()) < 20e6, sizes
    provenance = (ASSETS_DATA_DIR / "PROVENANCE.md").read_text()
    for fragment in (
        "example-robot-data==",
        "urdf-usd-converter==",
        "`go2.usdc`",
        "MPL-2.0",
        "`panda.usdc`",
        "Apache-2.0",
    ):
        assert fragment in provenance


def test_robot_bodies_are_direct_children_of_the_default_prim():
    """Isaac Lab addresses bodies as {prim}/<link>; the converter nests them and welds the root to the world."""
    for name in ROBOTS:
        stage = Usd.Stage.Open(str(ASSETS_DATA_DIR / name))
        root = stage.GetDefaultPrim()
        bodies = [prim for prim in stage.Traverse() if prim.HasAPI(UsdPhysics.RigidBodyAPI)]
        assert bodies and all(body.GetParent() == root for body in bodies)
        joints = [prim for prim in stage.Traverse() if prim.IsA(UsdPhysics.Joint)]
        assert "root_joint" not in [joint.GetName() for joint in joints]
        for joint in joints:
            for rel in (UsdPhysics.Joint(joint).GetBody0Rel(), UsdPhysics.Joint(joint).GetBody1Rel()):
                assert all(stage.GetPrimAtPath(target).HasAPI(UsdPhysics.RigidBodyAPI) for target in rel.GetTargets())


def test_importing_my_tasks_registers_newtons_schemas_before_any_stage_is_used():
    """USD freezes its schema registry at the first stage; Newton's schemas registered later go missing."""
    code = (
        "from pxr import Usd, UsdPhysics; import my_tasks; "
        "UsdPhysics.Scene.Define(Usd.Stage.CreateInMemory(), '/physics'); "
        f"stage = Usd.Stage.Open({str(ASSETS_DATA_DIR / 'panda.usdc')!r}); "
        "print(stage.GetPrimAtPath('/panda/Physics/panda_finger_joint2').HasAPI('NewtonMimicAPI'))"
    )
    # a fresh interpreter, without the plug-in path that importing Newton here put into the environment
    env = {key: value for key, value in os.environ.items() if not key.startswith("PXR_")}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, env=env)
    assert result.stdout.strip().splitlines()[-1] == "True", result.stderr[-2000:]


def test_shipped_files_reference_no_other_file():
    for name in (*SHIPPED, *ROBOTS):
        stage = Usd.Stage.Open(str(ASSETS_DATA_DIR / name))
        assert stage.GetRootLayer().GetCompositionAssetDependencies() == []  # sublayers, references, payloads
        assets = [
            attribute.GetPath()
            for prim in stage.Traverse()
            for attribute in prim.GetAttributes()
            if attribute.GetTypeName() == Sdf.ValueTypeNames.Asset and attribute.Get()
        ]
        assert assets == []  # textures, materials


def test_cartpole_has_isaac_labs_names_and_joints():
    stage = Usd.Stage.Open(str(ASSETS_DATA_DIR / "cartpole.usda"))
    root = stage.GetDefaultPrim()
    assert root.HasAPI(UsdPhysics.ArticulationRootAPI)
    bodies = [child.GetName() for child in root.GetChildren() if child.HasAPI(UsdPhysics.RigidBodyAPI)]
    assert bodies == ["rail", "cart", "pole"]
    joints = {prim.GetName(): prim.GetTypeName() for prim in stage.Traverse() if prim.IsA(UsdPhysics.Joint)}
    assert joints == {
        "root_joint": "PhysicsFixedJoint",
        "slider_to_cart": "PhysicsPrismaticJoint",
        "cart_to_pole": "PhysicsRevoluteJoint",
    }
    for body in bodies:
        assert UsdPhysics.MassAPI(root.GetChild(body)).GetMassAttr().Get() > 0


def test_ground_plane_has_the_prims_isaac_labs_spawner_uses():
    stage = Usd.Stage.Open(str(ASSETS_DATA_DIR / "ground_plane.usda"))
    root = stage.GetDefaultPrim()
    planes = [prim for prim in Usd.PrimRange(root) if prim.GetTypeName() == "Plane"]
    assert len(planes) == 1 and planes[0].HasAPI(UsdPhysics.CollisionAPI)
    assert root.GetChild("Environment").IsValid()


def test_go2_collides_with_unitrees_shapes_not_with_a_box_around_its_head():
    """The trunk collider is Unitree's 0.376 x 0.094 x 0.114 m box; every leg link has a collider of its own.

    A box fitted to the whole body hull (head and hip motors) hung 5 cm lower than the trunk and touched the
    ground in poses where the real robot does not, ending episodes for base contact.
    """
    stage = Usd.Stage.Open(str(ASSETS_DATA_DIR / "go2.usdc"))
    root = stage.GetDefaultPrim()
    shapes = {}
    for prim in stage.Traverse():
        if prim.HasAPI(UsdPhysics.CollisionAPI):
            link = prim.GetParent()
            shapes.setdefault(link.GetName(), []).append(prim)
    legs = [f"{leg}_{part}" for leg in ("FL", "FR", "RL", "RR") for part in ("hip", "thigh", "calf", "foot")]
    assert sorted(shapes) == sorted(["base", *legs])
    cache = UsdGeom.BBoxCache(Usd.TimeCode.Default(), [UsdGeom.Tokens.guide])
    trunk = [prim for prim in shapes["base"] if prim.GetTypeName() == "Cube"]
    assert len(trunk) == 1
    extent = cache.ComputeRelativeBound(trunk[0], root.GetChild("base")).ComputeAlignedRange()
    assert tuple(extent.GetMin()) == pytest.approx((-0.1881, -0.04675, -0.057), abs=1e-4)
    assert tuple(extent.GetMax()) == pytest.approx((0.1881, 0.04675, 0.057), abs=1e-4)
    for leg in ("FL", "FR", "RL", "RR"):
        (foot,) = shapes[f"{leg}_foot"]
        assert foot.GetTypeName() == "Sphere" and UsdGeom.Sphere(foot).GetRadiusAttr().Get() == pytest.approx(0.022)
