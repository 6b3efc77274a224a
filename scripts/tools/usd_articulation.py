# Copyright (c) 2026, The my_tasks Project Developers.
# SPDX-License-Identifier: BSD-3-Clause

"""Reshape a robot converted by ``urdf-usd-converter`` into the layout Isaac Lab's articulations expect.

The converter nests every link under its parent link and welds the root to the world. Isaac Lab finds
bodies as ``{prim}/<link_name>`` and sensors by body-name patterns, so this module:

* folds fixed helper links (motor rotors, flanges, tool frames) into the link they hang from: their
  mass and inertia are added to it, their geometry moves with it, their frame stays as a plain Xform;
* moves every remaining link to be a direct child of the default prim, with its pose from the root;
* drops the ``root_joint`` that welds the robot to the world (a task fixes the base where it needs to);
* replaces chosen links' collision meshes by primitives (boxes, spheres, cylinders), for cheap, stable contacts;
* authors joint armature, the reflected inertia of a geared motor that a URDF cannot express.

Used by ``build_assets.py``; every function edits the stage in place.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from pxr import Gf, Sdf, Usd, UsdGeom, UsdPhysics

ROOT_JOINT = "root_joint"


def links_of(stage: Usd.Stage) -> dict[str, Usd.Prim]:
    """The rigid bodies under the default prim, by name."""
    return {p.GetName(): p for p in Usd.PrimRange(stage.GetDefaultPrim()) if p.HasAPI(UsdPhysics.RigidBodyAPI)}


def joints_of(stage: Usd.Stage) -> list[UsdPhysics.Joint]:
    return [UsdPhysics.Joint(p) for p in Usd.PrimRange(stage.GetDefaultPrim()) if p.IsA(UsdPhysics.Joint)]


def relative_transform(prim: Usd.Prim, ancestor: Usd.Prim) -> np.ndarray:
    """4x4 column-convention transform of ``prim``'s frame expressed in ``ancestor``'s frame."""
    matrix, _ = UsdGeom.XformCache().ComputeRelativeTransform(prim, ancestor)
    return _to_column(matrix)


def deinstance(stage: Usd.Stage) -> Usd.Stage:
    """A flattened copy of ``stage`` with every instanced prim made a real copy.

    The converter shares repeated meshes through instancing; flattening then names the shared
    prototypes in an order that changes from run to run, and the build would not be reproducible.
    """
    for prim in list(stage.Traverse()):
        if prim.IsInstance():
            prim.SetInstanceable(False)
    return Usd.Stage.Open(stage.Flatten())


def drop_root_joint(stage: Usd.Stage) -> None:
    """Remove the fixed joint that welds the root link to the world."""
    for joint in joints_of(stage):
        if joint.GetPrim().GetName() == ROOT_JOINT:
            _remove_prim(stage, joint.GetPrim().GetPath())


def merge_fixed_link(stage: Usd.Stage, name: str) -> None:
    """Fold the fixed link ``name`` into the link it hangs from.

    Its mass properties are added to the parent's; the prim stays where it is as a plain Xform (so the
    frame and any geometry below it move with the parent); joints attached to it are re-attached to the
    parent with their frames carried over; the fixed joint between the two is removed.
    """
    links = links_of(stage)
    child = links[name]
    parent = _parent_link(child)
    child_in_parent = relative_transform(child, parent)
    _merge_mass(parent, child, child_in_parent)
    for schema in ("PhysicsRigidBodyAPI", "PhysicsMassAPI", "NewtonMassAPI"):
        child.RemoveAppliedSchema(schema)
    for attribute in child.GetAuthoredAttributes():
        if attribute.GetNamespace() in ("physics", "newton"):
            child.RemoveProperty(attribute.GetName())

    for joint in joints_of(stage):
        bodies = [joint.GetBody0Rel().GetTargets(), joint.GetBody1Rel().GetTargets()]
        if [child.GetPath()] not in bodies:
            continue
        if {tuple(b) for b in bodies} == {(child.GetPath(),), (parent.GetPath(),)}:
            _remove_prim(stage, joint.GetPrim().GetPath())  # the weld between the two
            continue
        for index, (rel, pos, rot) in enumerate(
            [
                (joint.GetBody0Rel(), joint.GetLocalPos0Attr(), joint.GetLocalRot0Attr()),
                (joint.GetBody1Rel(), joint.GetLocalPos1Attr(), joint.GetLocalRot1Attr()),
            ]
        ):
            if bodies[index] != [child.GetPath()]:
                continue
            frame = child_in_parent @ _pose_matrix(pos.Get(), rot.Get())
            rel.SetTargets([parent.GetPath()])
            pos.Set(Gf.Vec3f(*frame[:3, 3]))
            rot.Set(Gf.Quatf(_quat_from_matrix(frame[:3, :3])))


def flatten_links(stage: Usd.Stage) -> None:
    """Make every link a direct child of the default prim, keeping its pose, and re-target the joints."""
    root = stage.GetDefaultPrim()
    layer = stage.GetRootLayer()
    links = links_of(stage)
    poses = {name: relative_transform(prim, root) for name, prim in links.items()}
    old_paths = {name: prim.GetPath() for name, prim in links.items()}
    # deepest first, so that each link is copied without the links below it
    for name in sorted(links, key=lambda n: old_paths[n].pathElementCount, reverse=True):
        new_path = root.GetPath().AppendChild(name)
        if old_paths[name] == new_path:
            continue
        Sdf.CopySpec(layer, old_paths[name], layer, new_path)
        _remove_prim(stage, old_paths[name])
    for name in links:
        _set_pose(UsdGeom.Xformable(stage.GetPrimAtPath(root.GetPath().AppendChild(name))), poses[name])
    new_paths = {path: root.GetPath().AppendChild(name) for name, path in old_paths.items()}
    for joint in joints_of(stage):
        for rel in (joint.GetBody0Rel(), joint.GetBody1Rel()):
            rel.SetTargets([new_paths.get(target, target) for target in rel.GetTargets()])
    for child in list(root.GetChildren()):  # the converter's "Geometry" scope, now empty of links
        if child.GetTypeName() == "Scope" and not any(True for _ in Usd.PrimRange(child) if _ != child):
            _remove_prim(stage, child.GetPath())


@dataclass(frozen=True)
class Collider:
    """A collision primitive of a link, placed as in a URDF ``<collision>``: ``pos`` and ``rpy`` in the link frame.

    ``size``: ``(x, y, z)`` extents of a box, ``(radius,)`` of a sphere, ``(radius, length)`` of a cylinder
    (along its local z, as URDF cylinders are).
    """

    shape: str  # "box" | "sphere" | "cylinder"
    size: tuple[float, ...]
    pos: tuple[float, float, float] = (0.0, 0.0, 0.0)
    rpy: tuple[float, float, float] = (0.0, 0.0, 0.0)  # [rad] roll, pitch, yaw (URDF convention)


def set_colliders(stage: Usd.Stage, link_name: str, colliders: tuple[Collider, ...]) -> None:
    """Replace every collision shape of a link (not of the links below it) by the given primitives."""
    link = links_of(stage)[link_name]
    for prim in [p for p in Usd.PrimRange(link) if p.HasAPI(UsdPhysics.CollisionAPI) and _parent_link(p) == link]:
        _remove_prim(stage, prim.GetPath())
    for index, collider in enumerate(colliders):
        path = link.GetPath().AppendChild(f"collision_{collider.shape}_{index}")
        if collider.shape == "box":
            geom = UsdGeom.Cube.Define(stage, path)
            geom.CreateSizeAttr(1.0)
        elif collider.shape == "sphere":
            geom = UsdGeom.Sphere.Define(stage, path)
            geom.CreateRadiusAttr(collider.size[0])
        elif collider.shape == "cylinder":
            geom = UsdGeom.Cylinder.Define(stage, path)
            geom.CreateRadiusAttr(collider.size[0])
            geom.CreateHeightAttr(collider.size[1])
            geom.CreateAxisAttr(UsdGeom.Tokens.z)
        else:
            raise ValueError(f"unknown collider shape {collider.shape!r}")
        geom.AddTranslateOp().Set(Gf.Vec3d(*collider.pos))
        geom.AddOrientOp().Set(Gf.Quatf(_quat_from_matrix(_rpy_matrix(collider.rpy))))
        if collider.shape == "box":
            geom.AddScaleOp().Set(Gf.Vec3f(*collider.size))
        geom.CreatePurposeAttr(UsdGeom.Tokens.guide)  # collision only, as the converter's meshes
        UsdPhysics.CollisionAPI.Apply(geom.GetPrim())


def set_armature(stage: Usd.Stage, joint_name: str, armature: float) -> None:
    """Author a joint's armature (reflected inertia of its motor) for Newton and for PhysX."""
    (joint,) = [j.GetPrim() for j in joints_of(stage) if j.GetPrim().GetName() == joint_name]
    for api, attribute in (("NewtonJointAPI", "newton:armature"), ("PhysxJointAPI", "physxJoint:armature")):
        joint.AddAppliedSchema(api)
        joint.CreateAttribute(attribute, Sdf.ValueTypeNames.Float).Set(armature)


def rotor_inertia_about(stage: Usd.Stage, rotor_name: str, joint_name: str) -> float:
    """Moment of inertia of the rotor link ``rotor_name`` about the axis of the joint ``joint_name`` [kg m^2]."""
    root = stage.GetDefaultPrim()
    rotor = links_of(stage)[rotor_name]
    _, _, inertia = _mass_properties(rotor)
    rotor_in_root = relative_transform(rotor, root)
    inertia = rotor_in_root[:3, :3] @ inertia @ rotor_in_root[:3, :3].T
    (joint,) = [j for j in joints_of(stage) if j.GetPrim().GetName() == joint_name]
    child = stage.GetPrimAtPath(joint.GetBody1Rel().GetTargets()[0])
    axis_in_joint = np.eye(3)["XYZ".index(UsdPhysics.RevoluteJoint(joint.GetPrim()).GetAxisAttr().Get())]
    joint_in_root = relative_transform(child, root)[:3, :3] @ _rotation_matrix(joint.GetLocalRot1Attr().Get())
    axis = joint_in_root @ axis_in_joint
    return float(axis @ inertia @ axis)


def _parent_link(prim: Usd.Prim) -> Usd.Prim:
    parent = prim.GetParent()
    while not parent.HasAPI(UsdPhysics.RigidBodyAPI):
        parent = parent.GetParent()
    return parent


def _remove_prim(stage: Usd.Stage, path: Sdf.Path) -> None:
    parent = stage.GetRootLayer().GetPrimAtPath(path.GetParentPath())
    del parent.nameChildren[path.name]


def _to_column(matrix: Gf.Matrix4d) -> np.ndarray:
    """USD matrices act on row vectors; return the column-vector form."""
    return np.array(matrix).T


def _pose_matrix(position, rotation) -> np.ndarray:
    pose = np.eye(4)
    pose[:3, :3] = _rotation_matrix(rotation)
    pose[:3, 3] = np.array(position)
    return pose


def _rotation_matrix(quat) -> np.ndarray:
    return np.array(Gf.Matrix3d(Gf.Rotation(Gf.Quatd(quat)))).T


def _rpy_matrix(rpy: tuple[float, float, float]) -> np.ndarray:
    """URDF's fixed-axis roll-pitch-yaw: R = Rz(yaw) Ry(pitch) Rx(roll)."""
    (cr, cp, cy), (sr, sp, sy) = np.cos(rpy), np.sin(rpy)
    rx = np.array([[1, 0, 0], [0, cr, -sr], [0, sr, cr]])
    ry = np.array([[cp, 0, sp], [0, 1, 0], [-sp, 0, cp]])
    rz = np.array([[cy, -sy, 0], [sy, cy, 0], [0, 0, 1]])
    return rz @ ry @ rx


def _quat_from_matrix(rotation: np.ndarray) -> Gf.Quatd:
    return Gf.Matrix3d(*rotation.T.flatten().tolist()).ExtractRotation().GetQuat()


def _set_pose(xformable: UsdGeom.Xformable, pose: np.ndarray) -> None:
    xformable.ClearXformOpOrder()
    for name in ("xformOp:translate", "xformOp:orient", "xformOp:scale"):
        xformable.GetPrim().RemoveProperty(name)
    xformable.AddTranslateOp().Set(Gf.Vec3d(*pose[:3, 3]))
    xformable.AddOrientOp().Set(Gf.Quatf(_quat_from_matrix(pose[:3, :3])))


def _mass_properties(prim: Usd.Prim) -> tuple[float, np.ndarray, np.ndarray]:
    """Mass, centre of mass and inertia tensor (about the centre of mass), in the prim's frame."""
    mass_api = UsdPhysics.MassAPI(prim)
    mass = mass_api.GetMassAttr().Get() or 0.0
    com = np.array(mass_api.GetCenterOfMassAttr().Get() or (0.0, 0.0, 0.0), dtype=float)
    diagonal = np.array(mass_api.GetDiagonalInertiaAttr().Get() or (0.0, 0.0, 0.0), dtype=float)
    axes = _rotation_matrix(mass_api.GetPrincipalAxesAttr().Get() or Gf.Quatf(1.0))
    return mass, com, axes @ np.diag(diagonal) @ axes.T


def _merge_mass(parent: Usd.Prim, child: Usd.Prim, child_in_parent: np.ndarray) -> None:
    """Add the child's mass properties to the parent's (parallel-axis theorem), in the parent's frame."""
    m1, c1, inertia1 = _mass_properties(parent)
    m2, c2, inertia2 = _mass_properties(child)
    if m2 == 0.0:
        return
    rotation, offset = child_in_parent[:3, :3], child_in_parent[:3, 3]
    c2 = rotation @ c2 + offset
    inertia2 = rotation @ inertia2 @ rotation.T
    mass = m1 + m2
    com = (m1 * c1 + m2 * c2) / mass

    def shifted(inertia, m, c):
        d = c - com
        return inertia + m * (d @ d * np.eye(3) - np.outer(d, d))

    inertia = shifted(inertia1, m1, c1) + shifted(inertia2, m2, c2)
    moments, axes = np.linalg.eigh(inertia)
    if np.linalg.det(axes) < 0:
        axes[:, 0] = -axes[:, 0]
    mass_api = UsdPhysics.MassAPI(parent)
    mass_api.GetMassAttr().Set(float(mass))
    mass_api.GetCenterOfMassAttr().Set(Gf.Vec3f(*com))
    mass_api.GetDiagonalInertiaAttr().Set(Gf.Vec3f(*moments))
    mass_api.GetPrincipalAxesAttr().Set(Gf.Quatf(_quat_from_matrix(axes)))
    full = parent.GetAttribute("newton:inertia")
    if full.IsValid():  # Newton's copy of the tensor: ixx, iyy, izz, ixy, ixz, iyz
        full.Set([inertia[0, 0], inertia[1, 1], inertia[2, 2], inertia[0, 1], inertia[0, 2], inertia[1, 2]])
