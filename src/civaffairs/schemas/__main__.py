"""``python -m civaffairs.schemas``: regenerate the shipped schema files from the model.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from pathlib import Path

from civaffairs.schemas import generate, names, text

if __name__ == "__main__":  # pragma: no cover - a maintenance script
    folder = Path(__file__).parent
    for name in names():
        (folder / f"{name}.schema.json").write_text(text(generate(name)), encoding="utf-8")
