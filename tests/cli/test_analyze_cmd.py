"""``kg analyze`` end to end on a real build: tables, CSV, JSON, plots and clear errors."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from support import DATA

from kg.cli.main import cli


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("build")
    args = ["build", str(DATA / "analysis"), "--out", str(out), "-q", "--no-annotate"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    return out


def kg(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(arg) for arg in args])


def test_the_default_is_a_summary_and_the_top_twenty(build: Path) -> None:
    result = kg("analyze", build, "coauthors")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Co-authorship network, all years: 16 author nodes, 21 links")
    assert "Top 16 by degree:" in lines  # fewer nodes than --top
    assert lines[-16].split()[:3] == ["1", "Jamie", "Brown"]


def test_sort_top_and_a_slice(build: Path) -> None:
    result = kg("analyze", build, "coauthors", "--since", "2021", "--top", "2", "--sort", "papers")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Co-authorship network, 2021 onwards: 14 author nodes,")
    assert "Top 2 by papers:" in result.stdout
    assert "Aleksandra Herbec" not in result.stdout


def test_csv_to_a_file(build: Path, tmp_path: Path) -> None:
    out = tmp_path / "countries.csv"
    result = kg("analyze", build, "countries", "--format", "csv", "--out", out, "--top", "0")
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    # Degree 2 and strength 4 each for the first three: then more papers first (5, 3, 2).
    assert [row["id"] for row in rows] == ["GB", "CH", "DE", "FR", "US"]
    assert {row["id"]: int(row["degree"]) for row in rows} == {
        "CH": 2, "DE": 2, "GB": 2, "FR": 0, "US": 0,
    }  # fmt: skip


def test_json_until_a_year(build: Path) -> None:
    result = kg("analyze", build, "coauthors", "--until", "2020", "--format", "json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["years"] == {"since": None, "until": 2020}
    assert (document["summary"]["nodes"], document["summary"]["edges"]) == (10, 12)
    assert document["papers"] == 3


def test_exact_betweenness_can_be_asked_for_and_samples_are_stated(build: Path) -> None:
    result = kg("analyze", build, "coauthors", "--format", "json", "--exact-betweenness")
    assert json.loads(result.stdout)["summary"]["betweenness"]["sampled"] is False


@pytest.mark.parametrize("plot_format", ["png", "svg"])
def test_plots(build: Path, tmp_path: Path, plot_format: str) -> None:
    plots = tmp_path / "plots"
    result = kg("analyze", build, "institutions", "--plot", plots, "--plot-format", plot_format)
    assert result.exit_code == 0, result.output
    names = sorted(path.name for path in plots.iterdir())
    assert names == sorted(
        f"{stem}.{plot_format}"
        for stem in ("collaboration_over_years", "top_institutions", "degree_distribution")
    )
    assert all((plots / name).stat().st_size > 1000 for name in names)
    assert f"Wrote 3 plot(s) to {plots}/" in result.stderr


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda tmp: tmp / "missing", "is not a kg build directory (does not exist)"),
        (lambda tmp: tmp, "is not a kg build directory (has no graph.json)"),
    ],
)
def test_a_bad_directory_is_one_line_and_exit_1(tmp_path: Path, make: object, message: str) -> None:
    directory = make(tmp_path)  # type: ignore[operator]
    result = kg("analyze", directory, "coauthors")
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and message in result.stderr
    assert result.stderr.startswith("kg: error: ") and "Traceback" not in result.output


def test_a_corrupt_graph_is_one_line_naming_the_file(build: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken"
    shutil.copytree(build, broken)
    (broken / "graph.json").write_bytes(b'{"nodes": [{"id": 1}], "edges": []}')
    result = kg("analyze", broken, "coauthors")
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    assert f"{broken / 'graph.json'}: not node-link JSON" in result.stderr


def test_usage_errors_exit_2(build: Path) -> None:
    reversed_range = kg("analyze", build, "coauthors", "--since", "2021", "--until", "2019")
    assert reversed_range.exit_code == 2
    assert "--since 2021 is after --until 2019" in reversed_range.stderr
    unknown = kg("analyze", build, "journals")
    assert unknown.exit_code == 2 and "coauthors" in unknown.stderr
