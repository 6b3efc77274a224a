# Copyright (c) 2026, The my_tasks Project Developers.
# SPDX-License-Identifier: BSD-3-Clause

"""Sphinx configuration of the my_tasks docs: Markdown pages (MyST), the furo theme, no network.

Build: ``make docs`` (``.venv/bin/sphinx-build -W --keep-going -b html docs docs/_build/html``).
Pages quote our code with ``literalinclude`` by markers (``:start-at:``, ``:pyobject:``): when the code
changes so that a marker is gone, the build fails instead of showing stale code.
"""

import sys
from pathlib import Path

DOCS = Path(__file__).resolve().parent
sys.path.insert(0, str(DOCS / "_ext"))

project = "my_tasks"
author = "The my_tasks Project Developers"
copyright = "2026, The my_tasks Project Developers"

extensions = [
    "myst_parser",
    "task_reference",  # docs/_ext/task_reference.py: the task-table directive
]

source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "_ext", "README.md"]

# MyST: ::: fences for admonitions, anchors for headings (links like page.md#section)
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

# Nothing is fetched at build time: no intersphinx (its inventories are downloaded), no remote images.

html_theme = "furo"
html_title = "my_tasks"
html_static_path = []
pygments_style = "sphinx"
