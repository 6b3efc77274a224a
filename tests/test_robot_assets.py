# Copyright (c) 2026, The my_tasks Project Developers.
# SPDX-License-Identifier: BSD-3-Clause

"""The Go2 and Panda assets in kit-less Newton scenes on the CPU: names, masses, standing, holding, gripping."""

from __future__ import annotations

from contextlib import contextmanager

import pytest
import torch

from isaaclab.app import launch_simulation
from isaaclab.scene import InteractiveScene, InteractiveSceneCfg
from isaaclab.sensors import ContactSensorCfg
from isaaclab.sim import SimulationCfg, SimulationContext
from isaaclab.terrains import TerrainGeneratorCfg
from isaaclab.utils import configclass

from isaaclab_newton.physics import MJWarpSolverCfg, NewtonCfg
from isaaclab_tasks.core.velocity.velocity_env_cfg import RoughPhysicsCfg

from my_tasks.assets import FLAT_TERRAIN_CFG, FRANKA_PANDA_CFG, ROUGH_TERRAIN_CFG, UNITREE_GO2_CFG

pytestmark = pytest.mark.sim

DT = 0.005  # [s]
NUM_ENVS = 4
GO2_BODIES = ["base"] + [
    f"{leg}_{part}" for leg in ("FL", "FR", "RL", "RR") for part in ("hip", "thigh", "calf", "foot")
]
GO2_JOINTS = [f"{leg}_{part}_joint" for leg in ("FL", "FR", "RL", "RR") for part in ("hip", "thigh", "calf")]
PANDA_BODIES = [f"panda_link{i}" for i in range(8)] + ["panda_hand", "panda_leftfinger", "panda_rightfinger"]
PANDA_JOINTS = [f"panda_joint{i}" for i in range(1, 8)] + ["panda_finger_joint1", "panda_finger_joint2"]

ARM_PHYSICS = NewtonCfg(
    solver_cfg=MJWarpSolverCfg(njmax=200, nconmax=100, integrator="implicitfast", cone="pyramidal"),
    use_cuda_graph=False,
)
# The Go2 is checked as the velocity tasks simulate it: Newton's collision pipeline (MuJoCo's own treats a terrain
# mesh as its convex hull, on which a robot floats above pits or falls through steps), two substeps, stiff contacts.
GO2_PHYSICS = RoughPhysicsCfg().newton_mjwarp
GO2_PHYSICS.use_cuda_graph = False


@configclass
class Go2SceneCfg(InteractiveSceneCfg):
    terrain = FLAT_TERRAIN_CFG
    robot = UNITREE_GO2_CFG.replace(prim_path="{ENV_REGEX_NS}/Robot")
    feet = ContactSensorCfg(prim_path="{ENV_REGEX_NS}/Robot/.*_foot")
    bodies = ContactSensorCfg(prim_path="{ENV_REGEX_NS}/Robot/.*")


@configclass
class PandaSceneCfg(InteractiveSceneCfg):
    robot = FRANKA_PANDA_CFG.replace(prim_path="{ENV_REGEX_NS}/Robot")


@contextmanager
def simulate(scene_cfg: InteractiveSceneCfg, physics: NewtonCfg, use_newton_actuators: bool = True):
    """A kit-less CPU simulation of ``scene_cfg`` with ``physics``, its robot reset to the default state.

    ``use_newton_actuators``: explicit actuators (the Go2's DC motors) run in Newton (True, Isaac Lab's default)
    or in Isaac Lab, which sends Newton joint efforts (False).
    """
    sim_cfg = SimulationCfg(dt=DT, device="cpu", physics=physics, use_newton_actuators=use_newton_actuators)
    with launch_simulation(sim_cfg, {}):
        sim = SimulationContext(sim_cfg)
        try:
            scene = InteractiveScene(scene_cfg)
            sim.reset()
            # One sim.step() is one physics step here, as an env says through the same call. Unsaid, Newton's
            # native-actuator path loops over the decimation of the last env of this process: Isaac Lab 3.0.0's
            # set_decimation() stores it on the solver's manager class, which NewtonManager.clear() never resets.
            sim.physics_manager.set_decimation(1)
            robot = scene["robot"]
            root_pose = robot.data.default_root_pose.torch.clone()
            root_pose[:, :3] += scene.env_origins
            robot.write_root_pose_to_sim_index(root_pose=root_pose)
            robot.write_root_velocity_to_sim_index(root_velocity=robot.data.default_root_vel.torch.clone())
            robot.write_joint_position_to_sim_index(position=robot.data.default_joint_pos.torch.clone())
            robot.write_joint_velocity_to_sim_index(velocity=robot.data.default_joint_vel.torch.clone())
            scene.reset()
            yield sim, scene
        finally:
            sim.clear_instance()


def hold(sim, scene, target: torch.Tensor, seconds: float):
    """Hold the robot's joint position target for ``seconds``, yielding after every physics step."""
    robot = scene["robot"]
    for step in range(round(seconds / DT)):
        robot.set_joint_position_target_index(target=target)
        scene.write_data_to_sim()
        sim.step()
        scene.update(DT)
        yield (step + 1) * DT


@pytest.mark.parametrize(
    ("scene_cfg", "physics", "joints", "bodies", "total_mass", "fixed_base"),
    [
        (Go2SceneCfg, GO2_PHYSICS, GO2_JOINTS, GO2_BODIES, (14.0, 17.0), False),  # the Go2 weighs about 15 kg
        (PandaSceneCfg, ARM_PHYSICS, PANDA_JOINTS, PANDA_BODIES, (15.0, 20.0), True),  # the Panda ~18 kg with its hand
    ],
    ids=["go2", "panda"],
)
def test_names_masses_and_base(scene_cfg, physics, joints, bodies, total_mass, fixed_base):
    with simulate(scene_cfg(num_envs=NUM_ENVS, env_spacing=2.0), physics) as (_, scene):
        robot = scene["robot"]
        assert robot.joint_names == joints
        assert sorted(robot.body_names) == sorted(bodies)
        masses = robot.data.body_mass.torch[0]
        assert (masses > 0).all()
        assert total_mass[0] < float(masses.sum()) < total_mass[1]
        assert robot.is_fixed_base == fixed_base


def test_go2_stands_on_its_four_feet_for_two_seconds():
    with simulate(Go2SceneCfg(num_envs=NUM_ENVS, env_spacing=2.0), GO2_PHYSICS) as (sim, scene):
        robot, feet, bodies = scene["robot"], scene["feet"], scene["bodies"]
        assert sorted(feet.body_names) == sorted(f"{leg}_foot" for leg in ("FL", "FR", "RL", "RR"))
        not_feet = [i for i, name in enumerate(bodies.body_names) if not name.endswith("_foot")]
        for t in hold(sim, scene, robot.data.default_joint_pos.torch, seconds=2.0):
            if t < 0.5:  # dropped from 0.4 m, it settles on its feet first
                continue
            height = robot.data.root_pos_w.torch[:, 2]
            assert ((height > 0.2) & (height < 0.4)).all(), f"base height {height.tolist()} at {t:.2f} s"
            assert (robot.data.projected_gravity_b.torch[:, 2] < -0.95).all(), "the base tilted over"
            forces = bodies.data.net_forces_w.torch.norm(dim=-1)
            assert (forces[:, not_feet] < 1e-3).all(), "a body other than a foot touches the ground"
        foot_forces = feet.data.net_forces_w.torch.norm(dim=-1)
        assert (foot_forces > 1.0).all(), "every foot carries weight"
        # the four feet carry the robot's weight
        weight = float(robot.data.body_mass.torch[0].sum()) * 9.81
        assert float(foot_forces.sum(dim=1).mean()) == pytest.approx(weight, rel=0.1)


def test_go2_joints_carry_the_reflected_inertia_of_their_motors():
    """A geared motor's rotor adds rotor inertia x ratio^2 at the joint; without it the legs swing far too easily.

    The URDF models each rotor as a fixed link (its own inertia only); the asset build turns it into armature.
    """
    rotor_inertia = 0.000111842  # [kg m^2] about the spin axis, the rotor links of the URDF
    ratio = {"hip": 6.33, "thigh": 6.33, "calf": 6.33 * 45.43 / 23.7}
    with simulate(Go2SceneCfg(num_envs=1, env_spacing=2.0), GO2_PHYSICS) as (_, scene):
        robot = scene["robot"]
        armature = dict(zip(robot.joint_names, robot.data.joint_armature.torch[0].tolist(), strict=True))
    for joint, value in armature.items():
        expected = rotor_inertia * ratio[joint.split("_")[1]] ** 2
        assert value == pytest.approx(expected, rel=1e-3), joint


def test_go2_stands_alike_under_both_actuator_paths():
    """Newton's native DC motors and Isaac Lab's explicit ones apply the same PD law: the same stance.

    A drive applied twice, or not at all, on one path shows as another height or a fall.
    """
    heights = {}
    scene_cfg = Go2SceneCfg(num_envs=NUM_ENVS, env_spacing=2.0)
    for native in (True, False):
        with simulate(scene_cfg, GO2_PHYSICS, use_newton_actuators=native) as (sim, scene):
            robot = scene["robot"]
            start = sim.physics_manager.get_simulation_time()
            for _ in hold(sim, scene, robot.data.default_joint_pos.torch, seconds=1.5):
                pass
            simulated = sim.physics_manager.get_simulation_time() - start
            assert simulated == pytest.approx(1.5), f"native={native}: {simulated:.3f} s simulated for 1.5 s"
            assert (robot.data.projected_gravity_b.torch[:, 2] < -0.95).all(), f"native={native}: tilted over"
            heights[native] = robot.data.root_pos_w.torch[:, 2].mean().item()
    assert 0.24 < heights[True] < 0.34, heights
    assert heights[False] == pytest.approx(heights[True], abs=0.005), heights


def test_go2_stands_on_procedural_rough_terrain():
    """Dropped onto each tile's origin (a stair top 1.5 m up, a pit 0.9 m down), the Go2 stands on it upright.

    The generator's seed fixes the tiles; unseeded, they follow numpy's global state, i.e. the tests run before.
    """
    generator = ROUGH_TERRAIN_CFG.terrain_generator.replace(num_rows=2, num_cols=2, border_width=2.0, seed=1)
    small_rough = ROUGH_TERRAIN_CFG.replace(terrain_generator=generator)
    assert isinstance(small_rough.terrain_generator, TerrainGeneratorCfg)
    with simulate(Go2SceneCfg(num_envs=NUM_ENVS, env_spacing=2.0, terrain=small_rough), GO2_PHYSICS) as (sim, scene):
        robot = scene["robot"]
        for _ in hold(sim, scene, robot.data.default_joint_pos.torch, seconds=1.0):
            pass
        assert scene.env_origins[:, 2].max() - scene.env_origins[:, 2].min() > 2.0, "tiles of one height only"
        height_above_origin = robot.data.root_pos_w.torch[:, 2] - scene.env_origins[:, 2]
        assert ((height_above_origin > 0.2) & (height_above_origin < 0.35)).all(), height_above_origin.tolist()
        assert (robot.data.projected_gravity_b.torch[:, 2] < -0.95).all(), "a robot tilted over"


def test_panda_holds_its_default_pose_under_gravity():
    with simulate(PandaSceneCfg(num_envs=NUM_ENVS, env_spacing=2.0), ARM_PHYSICS) as (sim, scene):
        robot = scene["robot"]
        target = robot.data.default_joint_pos.torch.clone()
        base = robot.data.root_pos_w.torch.clone()
        for _ in hold(sim, scene, target, seconds=2.0):
            error = (robot.data.joint_pos.torch - target).abs()
            assert float(error[:, :7].max()) < 0.02, f"arm joint error {error[0, :7].tolist()}"
        assert torch.allclose(robot.data.root_pos_w.torch, base, atol=1e-4), "the base moved"


def test_panda_fingers_close_and_open_on_command():
    with simulate(PandaSceneCfg(num_envs=NUM_ENVS, env_spacing=2.0), ARM_PHYSICS) as (sim, scene):
        robot = scene["robot"]
        fingers = [robot.joint_names.index(name) for name in ("panda_finger_joint1", "panda_finger_joint2")]
        for width, check in ((0.0, lambda q: q < 0.005), (0.04, lambda q: q > 0.035)):
            target = robot.data.default_joint_pos.torch.clone()
            target[:, fingers] = width  # only finger 1 is driven; finger 2 follows by the mimic constraint
            for _ in hold(sim, scene, target, seconds=1.0):
                pass
            positions = robot.data.joint_pos.torch[:, fingers]
            assert check(positions).all(), f"fingers at {positions[0].tolist()} for a command of {width} m"
