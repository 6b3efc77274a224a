# Copyright (c) 2026, The my_tasks Project Developers.
# SPDX-License-Identifier: BSD-3-Clause

"""Where the shipped asset files live."""

from pathlib import Path

ASSETS_DATA_DIR = Path(__file__).resolve().parent / "data"
"""Directory of the USD files built by ``scripts/tools/build_basic_assets.py``."""
