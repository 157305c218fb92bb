"""Sphinx configuration for the civaffairs documentation."""

from __future__ import annotations

import sys
from pathlib import Path

import civaffairs

# The docs tooling (generated pages) lives beside the docs, not in the runtime package.
sys.path.insert(0, str(Path(__file__).parent / "_ext"))

project = "civaffairs"
author = "civaffairs developers"
copyright = "2026, civaffairs developers"
release = civaffairs.__version__
version = release

extensions = [
    # Generated pages (parameter tables, reason codes, glossary, charts): _ext/civaffairs_docs.py.
    "civaffairs_docs",
    # autodoc hooks (attrs signatures, bases, re-exports): _ext/civaffairs_api.py.
    "civaffairs_api",
    # The sample screening report the how-to links to (synthetic): _ext/civaffairs_sample_report.py.
    "civaffairs_sample_report",
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.doctest",
    "sphinx.ext.intersphinx",
    "sphinx.ext.napoleon",
]
myst_enable_extensions = ["colon_fence", "deflist"]
source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
exclude_patterns = ["_build"]
language = "en"

autodoc_typehints = "signature"
autodoc_member_order = "bysource"
autodoc_default_options = {"members": True, "show-inheritance": True}
autodoc_preserve_defaults = True
# Names the reader knows, not their expansion (the ASGI callable type is four lines long).
autodoc_type_aliases = {"ASGIApp": "starlette.types.ASGIApp"}
nitpicky = False

intersphinx_mapping: dict[str, tuple[str, None]] = {}

html_theme = "furo"
# The version on every page: furo shows the title in the sidebar and the mobile header.
html_title = f"civaffairs {release}"
# civaffairs.css: tables and code that fit the content width, on a desktop and a phone.
html_static_path = ["_static"]
html_css_files = ["civaffairs.css"]

# Docstring examples run under pytest --doctest-modules in their module's namespace; the
# doctest builder runs the pages' own {doctest} blocks.
doctest_test_doctest_blocks = ""

doctest_global_setup = """
import datetime as dt
from decimal import Decimal
"""
