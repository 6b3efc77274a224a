# Copyright (c) 2026, The my_tasks Project Developers.
# SPDX-License-Identifier: BSD-3-Clause

"""Scene and physics presets shared by the direct and manager-based cartpole tasks."""

import isaaclab.sim as sim_utils
from isaaclab.assets import ArticulationCfg, AssetBaseCfg
from isaaclab.physics import PhysxAutoCfg
from isaaclab.scene import InteractiveSceneCfg
from isaaclab.utils import configclass, replace

from isaaclab_newton.physics import MJWarpSolverCfg, NewtonCfg
from isaaclab_ov.physics import OvPhysxCfg
from isaaclab_physx.physics import PhysxCfg
from isaaclab_tasks.utils import PresetCfg

from my_tasks.assets import CARTPOLE_CFG, GROUND_PLANE_CFG


@configclass
class CartpolePhysicsCfg(PresetCfg):
    """Physics backends, picked on the command line with ``physics=<name>``.

    Newton with the MuJoCo-Warp solver is the default and runs kit-less on the CPU or a GPU.
    ``physics=physx`` selects PhysX: Isaac Sim's when Kit runs, else OvPhysX.
    """

    newton_mjwarp: NewtonCfg = NewtonCfg(
        # two joints and no contacts: tiny constraint buffers keep the solver cheap
        solver_cfg=MJWarpSolverCfg(njmax=5, nconmax=3, cone="pyramidal", impratio=1, integrator="implicitfast"),
        num_substeps=1,
        debug_mode=False,
        use_cuda_graph=True,
    )
    isaacsim_physx: PhysxCfg = PhysxCfg()
    ovphysx: OvPhysxCfg = OvPhysxCfg()
    physx: PhysxAutoCfg = PhysxAutoCfg(isaacsim_physx=isaacsim_physx, ovphysx=ovphysx)
    default: NewtonCfg = newton_mjwarp


@configclass
class CartpoleSceneCfg(InteractiveSceneCfg):
    """A cartpole per environment, on the local ground plane, lit by one distant light."""

    ground = AssetBaseCfg(prim_path="/World/ground", spawn=GROUND_PLANE_CFG)
    robot: ArticulationCfg = replace(CARTPOLE_CFG, prim_path="{ENV_REGEX_NS}/Robot")
    light = AssetBaseCfg(
        prim_path="/World/Light",
        spawn=sim_utils.DistantLightCfg(intensity=2000.0),
        # roll, pitch, yaw = (0, -45, -45) degrees, as (x, y, z, w)
        init_state=AssetBaseCfg.InitialStateCfg(rot=(-0.1464466, -0.3535534, -0.3535534, 0.8535534)),
    )
