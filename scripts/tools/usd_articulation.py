# Copyright (c) 2026, The my_tasks Project Developers.
# SPDX-License-Identifier: BSD-3-Clause

"""Reshape a robot converted by ``urdf-usd-converter`` into the layout Isaac Lab's articulations expect.

The converter nests every link under its parent link and welds the root to the world. Isaac Lab finds
bodies as ``{prim}/<link_name>`` and sensors by body-name patterns, so this module:

* folds fixed helper links (motor rotors, flanges, tool frames) into the link they hang from: their
  mass and inertia are added to it, their geometry moves with it, their frame stays as a plain Xform;
* moves every remaining link to be a direct child of the default prim, with its pose from the root;
* drops the ``root_joint`` that welds the robot to the world (a task fixes the base where it needs to);
* replaces chosen collision meshes by a sphere or a box fitted to them, for cheap, stable contacts.

Used by ``build_assets.py``; every function edits the stage in place.
"""

from __future__ import annotations

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


def fit_collider(stage: Usd.Stage, link_name: str, shape: str) -> None:
    """Replace the collision meshes of a link by one ``sphere`` or ``box`` bounding their vertices."""
    link = links_of(stage)[link_name]
    meshes = [
        p
        for p in Usd.PrimRange(link)
        if p.HasAPI(UsdPhysics.CollisionAPI) and p.GetTypeName() == "Mesh" and _parent_link(p) == link
    ]
    if not meshes:
        raise ValueError(f"link {link_name} has no collision mesh to replace")
    points = np.concatenate([_points_in(mesh, link) for mesh in meshes])
    for mesh in meshes:
        _remove_prim(stage, mesh.GetPath())
    low, high = points.min(axis=0), points.max(axis=0)
    center = (low + high) / 2
    path = link.GetPath().AppendChild(f"collision_{shape}")
    if shape == "sphere":
        geom = UsdGeom.Sphere.Define(stage, path)
        geom.CreateRadiusAttr(float(np.linalg.norm(points - center, axis=1).max()))
    elif shape == "box":
        geom = UsdGeom.Cube.Define(stage, path)
        geom.CreateSizeAttr(1.0)
    else:
        raise ValueError(f"unknown collider shape {shape!r}")
    geom.AddTranslateOp().Set(Gf.Vec3d(*center))
    if shape == "box":
        geom.AddScaleOp().Set(Gf.Vec3f(*(high - low)))
    geom.CreatePurposeAttr(UsdGeom.Tokens.guide)  # collision only, as the converter's meshes
    UsdPhysics.CollisionAPI.Apply(geom.GetPrim())


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


def _quat_from_matrix(rotation: np.ndarray) -> Gf.Quatd:
    return Gf.Matrix3d(*rotation.T.flatten().tolist()).ExtractRotation().GetQuat()


def _set_pose(xformable: UsdGeom.Xformable, pose: np.ndarray) -> None:
    xformable.ClearXformOpOrder()
    for name in ("xformOp:translate", "xformOp:orient", "xformOp:scale"):
        xformable.GetPrim().RemoveProperty(name)
    xformable.AddTranslateOp().Set(Gf.Vec3d(*pose[:3, 3]))
    xformable.AddOrientOp().Set(Gf.Quatf(_quat_from_matrix(pose[:3, :3])))


def _points_in(mesh: Usd.Prim, frame: Usd.Prim) -> np.ndarray:
    points = np.array(UsdGeom.Mesh(mesh).GetPointsAttr().Get(), dtype=float)
    pose = relative_transform(mesh, frame)
    return points @ pose[:3, :3].T + pose[:3, 3]


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
