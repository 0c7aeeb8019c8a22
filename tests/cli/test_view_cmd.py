"""``kg view``: every kind from a build directory, and clear messages for bad calls."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from support import EXAMPLES

from kg.cli.view_cmd import VIEW_KINDS
from kg.views.make import KINDS


@pytest.fixture(scope="module")
def build_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from click.testing import CliRunner

    from kg.cli.main import cli

    out = tmp_path_factory.mktemp("view-build")
    result = CliRunner().invoke(cli, ["build", str(EXAMPLES), "--out", str(out), "-q"])
    assert result.exit_code == 0, result.output
    return out


def test_the_cli_offers_every_view_kind() -> None:
    assert VIEW_KINDS == KINDS


@pytest.mark.parametrize("kind", ["overview", "coauthors", "institutions", "biomedical"])
def test_each_kind_is_written(
    run_kg: Callable[..., Result], build_dir: Path, tmp_path: Path, kind: str
) -> None:
    out = tmp_path / f"{kind}.html"
    result = run_kg("view", str(build_dir), kind, "--out", str(out), "--max-nodes", "150")
    assert result.exit_code == 0, result.output
    assert out.is_file() and 'id="kg-data"' in out.read_text(encoding="utf-8")
    assert result.output.startswith(f"Wrote {out}: ")
    if kind == "overview":
        assert "Reduced to its strongest part (--max-nodes 150)" in result.output


def test_ego_by_name_with_hops_and_title(
    run_kg: Callable[..., Result], build_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "sle.html"
    result = run_kg(
        "view", str(build_dir), "ego", "--center", "systemic lupus erythematosus",
        "--hops", "2", "--title", "SLE", "--out", str(out),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "<title>SLE</title>" in out.read_text(encoding="utf-8")


def test_default_output_is_the_kind_in_the_current_directory(
    run_kg: Callable[..., Result], build_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run_kg("view", str(build_dir), "institutions")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "institutions.html").is_file()


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["ego"], 2, "the ego view needs --center ID_OR_NAME"),
        (["overview", "--center", "x"], 2, "--center and --hops apply to the ego view only"),
        (["ego", "--center", "lupus"], 2, "nodes match 'lupus'"),
        (["ego", "--center", "no such thing"], 2, "no node has the id or name"),
        (["ego", "--center", "DOID:9074", "--hops", "0"], 2, "Invalid value for '--hops'"),
        (["network"], 2, "Invalid value for 'KIND'"),
    ],
)
def test_bad_calls_give_one_clear_line(
    run_kg: Callable[..., Result],
    build_dir: Path,
    tmp_path: Path,
    args: list[str],
    code: int,
    message: str,
) -> None:
    result = run_kg("view", str(build_dir), *args, "--out", str(tmp_path / "x.html"))
    assert result.exit_code == code
    assert message in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "x.html").exists()


def test_a_directory_that_is_not_a_build(run_kg: Callable[..., Result], tmp_path: Path) -> None:
    result = run_kg("view", str(tmp_path), "overview")
    assert result.exit_code == 1
    assert f"kg: error: {tmp_path} is not a kg build: it has no graph.json" in result.output


def test_kg_help_does_not_import_the_views() -> None:
    """Only the tiny ``kg.views`` package (the build's file names) loads with the CLI."""
    code = (
        "import sys; from kg.cli.main import cli; "
        "print([m for m in sys.modules if m.startswith('kg.views.')])"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert completed.stdout.strip() == "[]"
