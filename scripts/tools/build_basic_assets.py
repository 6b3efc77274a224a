# Copyright (c) 2026, The my_tasks Project Developers.
# SPDX-License-Identifier: BSD-3-Clause

"""Author the primitive assets that ship with my_tasks: the cartpole robot, a ground plane and marker shapes.

Isaac Lab's stock cartpole and ground plane live on a remote asset server. This script writes
offline replacements as plain-text USD from primitives, so they are diffable, small and rebuilt
the same way every time:

* ``cartpole.usda``: a fixed rail with a cart on a prismatic joint (``slider_to_cart``) and a pole on
  a revolute joint (``cart_to_pole``), the body and joint names of Isaac Lab's cartpole.
* ``ground_plane.usda``: a collision plane with a visual quad, in the layout that Isaac Lab's
  :class:`~isaaclab.sim.GroundPlaneCfg` spawner expects (a ``Plane`` prim and an ``Environment`` Xform).
* ``arrow_x.usda`` and ``frame_prim.usda``: the shapes of Isaac Lab's debug markers (an arrow along x, and
  three arrows along x, y, z), for the velocity and pose commands' visualisation.

Usage::

    python scripts/tools/build_basic_assets.py            # writes into my_tasks/assets/data
    python scripts/tools/build_basic_assets.py --out DIR  # writes elsewhere (used by the tests)
"""

from __future__ import annotations

import argparse
from pathlib import Path

from pxr import Gf, Sdf, Usd, UsdGeom, UsdPhysics

DATA_DIR = Path(__file__).resolve().parents[2] / "source" / "my_tasks" / "my_tasks" / "assets" / "data"

# Cartpole dimensions [m] and masses [kg]. The rail runs along y so that the default camera on +x sees the cart move.
RAIL_SIZE = (0.03, 8.0, 0.03)
RAIL_MASS = 5.0
CART_SIZE = (0.2, 0.25, 0.2)
CART_MASS = 1.0
POLE_LENGTH = 1.0
POLE_RADIUS = 0.02
POLE_MASS = 0.25
POLE_HINGE_OFFSET = (0.12, 0.0, 0.0)  # hinge position in the cart frame: in front of the cart
SLIDER_LIMIT = 4.0  # the cart stops at the rail ends [m]

GROUND_SIZE = 100.0  # [m]; the spawner rescales the visual quad to GroundPlaneCfg.size


def _new_stage(path: Path, default_prim: str) -> Usd.Stage:
    stage = Usd.Stage.CreateNew(str(path))
    UsdGeom.SetStageUpAxis(stage, UsdGeom.Tokens.z)
    UsdGeom.SetStageMetersPerUnit(stage, 1.0)
    UsdPhysics.SetStageKilogramsPerUnit(stage, 1.0)
    root = UsdGeom.Xform.Define(stage, f"/{default_prim}")
    stage.SetDefaultPrim(root.GetPrim())
    return stage


def _box_inertia(mass: float, size: tuple[float, float, float]) -> Gf.Vec3f:
    x, y, z = size
    return Gf.Vec3f(mass / 12 * (y * y + z * z), mass / 12 * (x * x + z * z), mass / 12 * (x * x + y * y))


def _rigid_body(
    stage: Usd.Stage,
    path: str,
    translate: tuple[float, float, float],
    mass: float,
    inertia: Gf.Vec3f,
    com: tuple[float, float, float] = (0.0, 0.0, 0.0),
) -> Usd.Prim:
    body = UsdGeom.Xform.Define(stage, path)
    body.AddTranslateOp().Set(Gf.Vec3d(*translate))
    prim = body.GetPrim()
    UsdPhysics.RigidBodyAPI.Apply(prim)
    mass_api = UsdPhysics.MassAPI.Apply(prim)
    mass_api.CreateMassAttr(mass)
    mass_api.CreateDiagonalInertiaAttr(inertia)
    mass_api.CreateCenterOfMassAttr(Gf.Vec3f(*com))
    return prim


def _visual_box(stage: Usd.Stage, path: str, size: tuple[float, float, float], color: tuple[float, float, float]):
    cube = UsdGeom.Cube.Define(stage, path)
    cube.CreateSizeAttr(1.0)
    cube.AddScaleOp().Set(Gf.Vec3f(*size))
    cube.CreateDisplayColorAttr([Gf.Vec3f(*color)])


def _joint_frames(joint: UsdPhysics.Joint, body0: str | None, body1: str, local_pos0: tuple[float, float, float]):
    if body0 is not None:
        joint.CreateBody0Rel().SetTargets([Sdf.Path(body0)])
    joint.CreateBody1Rel().SetTargets([Sdf.Path(body1)])
    joint.CreateLocalPos0Attr(Gf.Vec3f(*local_pos0))
    joint.CreateLocalRot0Attr(Gf.Quatf(1.0))
    joint.CreateLocalPos1Attr(Gf.Vec3f(0.0))
    joint.CreateLocalRot1Attr(Gf.Quatf(1.0))


def build_cartpole(path: Path) -> None:
    """Write the cartpole articulation: bodies ``rail``, ``cart``, ``pole`` under the default prim."""
    stage = _new_stage(path, "cartpole")
    UsdPhysics.ArticulationRootAPI.Apply(stage.GetPrimAtPath("/cartpole"))

    rail = _rigid_body(stage, "/cartpole/rail", (0.0, 0.0, 0.0), RAIL_MASS, _box_inertia(RAIL_MASS, RAIL_SIZE))
    _visual_box(stage, "/cartpole/rail/visual", RAIL_SIZE, (0.3, 0.3, 0.3))
    cart = _rigid_body(stage, "/cartpole/cart", (0.0, 0.0, 0.0), CART_MASS, _box_inertia(CART_MASS, CART_SIZE))
    _visual_box(stage, "/cartpole/cart/visual", CART_SIZE, (0.1, 0.3, 0.8))
    # a thin rod about its centre, which lies half a pole length above the hinge
    rod_inertia = POLE_MASS * POLE_LENGTH**2 / 12
    pole = _rigid_body(
        stage,
        "/cartpole/pole",
        POLE_HINGE_OFFSET,
        POLE_MASS,
        Gf.Vec3f(rod_inertia, rod_inertia, 0.5 * POLE_MASS * POLE_RADIUS**2),
        com=(0.0, 0.0, POLE_LENGTH / 2),
    )
    pole_visual = UsdGeom.Cylinder.Define(stage, "/cartpole/pole/visual")
    pole_visual.CreateRadiusAttr(POLE_RADIUS)
    pole_visual.CreateHeightAttr(POLE_LENGTH)
    pole_visual.CreateAxisAttr(UsdGeom.Tokens.z)
    pole_visual.AddTranslateOp().Set(Gf.Vec3d(0.0, 0.0, POLE_LENGTH / 2))
    pole_visual.CreateDisplayColorAttr([Gf.Vec3f(0.9, 0.5, 0.1)])

    UsdGeom.Scope.Define(stage, "/cartpole/joints")
    # the rail is welded to the world: the cartpole is a fixed-base articulation
    root_joint = UsdPhysics.FixedJoint.Define(stage, "/cartpole/joints/root_joint")
    _joint_frames(root_joint, None, str(rail.GetPath()), (0.0, 0.0, 0.0))
    slider = UsdPhysics.PrismaticJoint.Define(stage, "/cartpole/joints/slider_to_cart")
    _joint_frames(slider, str(rail.GetPath()), str(cart.GetPath()), (0.0, 0.0, 0.0))
    slider.CreateAxisAttr(UsdPhysics.Tokens.y)
    slider.CreateLowerLimitAttr(-SLIDER_LIMIT)
    slider.CreateUpperLimitAttr(SLIDER_LIMIT)
    hinge = UsdPhysics.RevoluteJoint.Define(stage, "/cartpole/joints/cart_to_pole")
    _joint_frames(hinge, str(cart.GetPath()), str(pole.GetPath()), POLE_HINGE_OFFSET)
    hinge.CreateAxisAttr(UsdPhysics.Tokens.x)  # no limits: the pole may swing all the way round
    stage.GetRootLayer().Save()


def build_ground_plane(path: Path) -> None:
    """Write a ground plane: a ``Plane`` collider and a grey visual quad under ``Environment``."""
    stage = _new_stage(path, "GroundPlane")
    plane = UsdGeom.Plane.Define(stage, "/GroundPlane/CollisionPlane")
    plane.CreateAxisAttr(UsdGeom.Tokens.z)
    plane.CreateWidthAttr(GROUND_SIZE)
    plane.CreateLengthAttr(GROUND_SIZE)
    plane.CreatePurposeAttr(UsdGeom.Tokens.guide)  # collision only; the quad below is what renders
    UsdPhysics.CollisionAPI.Apply(plane.GetPrim())

    environment = UsdGeom.Xform.Define(stage, "/GroundPlane/Environment")
    environment.AddScaleOp().Set(Gf.Vec3f(1.0, 1.0, 1.0))
    half = GROUND_SIZE / 2
    quad = UsdGeom.Mesh.Define(stage, "/GroundPlane/Environment/Geometry")
    quad.CreatePointsAttr(
        [Gf.Vec3f(-half, -half, 0), Gf.Vec3f(half, -half, 0), Gf.Vec3f(half, half, 0), Gf.Vec3f(-half, half, 0)]
    )
    quad.CreateFaceVertexCountsAttr([4])
    quad.CreateFaceVertexIndicesAttr([0, 1, 2, 3])
    quad.CreateNormalsAttr([Gf.Vec3f(0, 0, 1)] * 4)
    quad.CreateDisplayColorAttr([Gf.Vec3f(0.45, 0.47, 0.5)])
    stage.GetRootLayer().Save()


def _arrow(stage: Usd.Stage, path: str, axis: str, color: tuple[float, float, float] | None = None) -> None:
    """A unit arrow from the origin along ``axis``: a shaft (0 to 0.7) and a cone (0.7 to 1), 0.5 wide at most."""
    offset = {"X": Gf.Vec3d(1, 0, 0), "Y": Gf.Vec3d(0, 1, 0), "Z": Gf.Vec3d(0, 0, 1)}[axis]
    UsdGeom.Xform.Define(stage, path)
    shaft = UsdGeom.Cylinder.Define(stage, f"{path}/shaft")
    shaft.CreateAxisAttr(axis)
    shaft.CreateRadiusAttr(0.125)
    shaft.CreateHeightAttr(0.7)
    shaft.AddTranslateOp().Set(offset * 0.35)
    head = UsdGeom.Cone.Define(stage, f"{path}/head")
    head.CreateAxisAttr(axis)
    head.CreateRadiusAttr(0.25)
    head.CreateHeightAttr(0.3)
    head.AddTranslateOp().Set(offset * 0.85)
    if color is not None:
        for geom in (shaft, head):
            geom.CreateDisplayColorAttr([Gf.Vec3f(*color)])


def build_markers(arrow_path: Path, frame_path: Path) -> None:
    """Write the marker shapes: one arrow along x; a frame of red, green and blue arrows along x, y and z."""
    stage = _new_stage(arrow_path, "Arrow")
    _arrow(stage, "/Arrow/x", "X")
    stage.GetRootLayer().Save()
    stage = _new_stage(frame_path, "Frame")
    for axis, color in (("X", (1.0, 0.0, 0.0)), ("Y", (0.0, 1.0, 0.0)), ("Z", (0.0, 0.0, 1.0))):
        _arrow(stage, f"/Frame/{axis.lower()}", axis, color)
    stage.GetRootLayer().Save()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DATA_DIR, help="Output directory (default: the package data).")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    build_cartpole(args.out / "cartpole.usda")
    build_ground_plane(args.out / "ground_plane.usda")
    build_markers(args.out / "arrow_x.usda", args.out / "frame_prim.usda")
    print(f"wrote cartpole.usda, ground_plane.usda, arrow_x.usda and frame_prim.usda into {args.out}")


if __name__ == "__main__":
    main()
