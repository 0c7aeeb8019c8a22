"""Where the shipped ontology/ and queries/ folders are, installed or in a checkout.

A wheel carries them inside the package (``kg/_data/``, see pyproject.toml); a source
checkout or editable install uses the folders at the repository root.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Literal

__all__ = ["data_dir"]


def data_dir(kind: Literal["ontology", "queries"]) -> Path:
    """The directory holding the shipped ``ontology`` or ``queries`` files."""
    packaged = Path(str(resources.files("kg"))) / "_data" / kind
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / kind
