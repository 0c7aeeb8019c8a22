"""The wheel carries ontology/ and queries/, so a non-editable install finds them."""

import subprocess
import sys
import zipfile
from pathlib import Path

from support import ROOT

from kg.resources import data_dir


def test_wheel_ships_ontology_and_queries(tmp_path: Path) -> None:
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    (wheel,) = tmp_path.glob("kg-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {
        f"kg/_data/{p.relative_to(ROOT)}"
        for folder in ("ontology", "queries")
        for p in (ROOT / folder).rglob("*")
        if p.is_file()
    }
    assert shipped and shipped <= names
    assert any(name.endswith("entry_points.txt") for name in names)


def test_data_dir_finds_the_checkout_folders() -> None:
    assert (data_dir("ontology") / "kg.ttl").is_file()
    assert list(data_dir("queries").glob("*.rq"))
