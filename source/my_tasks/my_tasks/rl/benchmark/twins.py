# Copyright (c) 2026, The my_tasks Project Developers.
# SPDX-License-Identifier: BSD-3-Clause

"""Isaac Lab's own task beside each of ours, loading our local files instead of Isaac Lab's asset server.

Isaac Lab's stock tasks fetch their robots and grounds from a server; the overrides here point the same
config fields at the files this package ships, so a twin runs offline with the same robot as ours.
Only the spawners change (and the Panda's drive gains, which Isaac Lab's Franka reads from its own USD
file): the twin keeps Isaac Lab's MDP, actuators and physics settings.
"""

from __future__ import annotations

import dataclasses

from my_tasks.assets import ASSETS_DATA_DIR

GROUND = ASSETS_DATA_DIR / "ground_plane.usda"


@dataclasses.dataclass(frozen=True)
class Twin:
    """Isaac Lab's task ``task`` and the overrides that make it load our files."""

    task: str
    overrides: tuple[str, ...]


TWINS: dict[str, Twin] = {
    "MyTasks-Cartpole-Direct": Twin(
        "Isaac-Cartpole-Direct",
        (
            f"env.scene.cartpole.spawn.usd_path={ASSETS_DATA_DIR / 'cartpole.usda'}",
            f"env.scene.ground.spawn.usd_path={GROUND}",
        ),
    ),
    "MyTasks-Cartpole": Twin(
        "Isaac-Cartpole",
        (
            f"env.scene.robot.spawn.usd_path={ASSETS_DATA_DIR / 'cartpole.usda'}",
            f"env.scene.ground.spawn.usd_path={GROUND}",
        ),
    ),
    "MyTasks-Velocity-Flat-Go2": Twin(
        "Isaac-Velocity-Flat-UnitreeGo2",
        (
            f"env.scene.robot.spawn.usd_path={ASSETS_DATA_DIR / 'go2.usdc'}",
            "env.scene.terrain.terrain_type=usd",
            f"env.scene.terrain.usd_path={GROUND}",
            "env.scene.terrain.visual_material=null",  # an MDL material from the server
            "env.scene.sky_light=null",  # an HDR texture from the server
        ),
    ),
    "MyTasks-Reach-Panda": Twin(
        "Isaac-Reach-Franka",
        (
            f"env.scene.robot.spawn.usd_path={ASSETS_DATA_DIR / 'panda.usdc'}",
            # Isaac Lab's franka_panda.usda carries Physics and Colliders variant sets; ours has none
            "env.scene.robot.spawn.variants=null",
            f"env.scene.ground.spawn.usd_path={GROUND}",
            # Isaac Lab's Franka actuators read their stiffness from Isaac Lab's USD file; ours authors no
            # drives, so without these the arm hangs limp. FRANKA_PANDA_CFG's gains (assets/franka.py); the
            # damping stays the reach task's own.
            "env.scene.robot.actuators.panda_arm.stiffness="
            "{'panda_joint[1-2]': 4500.0, 'panda_joint[3-4]': 3500.0, 'panda_joint[5-7]': 2000.0}",
            "env.scene.robot.actuators.panda_arm.armature=0.1",
            "env.scene.robot.actuators.panda_hand.stiffness=2000.0",
            "env.scene.robot.actuators.panda_hand.damping=100.0",
        ),
    ),
}
"""Our tasks with an Isaac Lab twin. The classic Franka cube lift has none: Isaac Lab's runs on PhysX only."""


def twin_of(task: str) -> Twin | None:
    """Isaac Lab's twin of ``task``, or None."""
    return TWINS.get(task)
