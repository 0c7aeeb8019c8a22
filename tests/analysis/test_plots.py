"""The plots of ``kg analyze --plot``: three real image files, drawn without pyplot."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from kg.analysis.metrics import analyse
from kg.analysis.networks import build_network
from kg.analysis.plots import write_plots
from kg.analysis.source import Collaboration
from kg.errors import OutputError

NAMES = {"collaboration_over_years", "top_coauthors", "degree_distribution"}


def test_png_files_are_written(collaboration: Collaboration, tmp_path: Path) -> None:
    analysis = analyse(build_network(collaboration, "coauthors"))
    paths = write_plots(analysis, collaboration.years, tmp_path / "plots", top=5)
    assert {path.stem for path in paths} == NAMES
    for path in paths:
        data = path.read_bytes()
        assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 5000, path
    import matplotlib.pyplot

    assert matplotlib.pyplot.get_fignums() == []  # drawn on Agg canvases, no pyplot figures


def test_svg_files_parse_and_name_what_they_show(
    collaboration: Collaboration, tmp_path: Path
) -> None:
    analysis = analyse(build_network(collaboration, "countries"))
    paths = write_plots(analysis, collaboration.years, tmp_path, plot_format="svg")
    assert {path.stem for path in paths} == {
        "collaboration_over_years",
        "top_countries",
        "degree_distribution",
    }
    for path in paths:
        root = ET.parse(path).getroot()
        assert root.tag.endswith("svg")
    top = (tmp_path / "top_countries.svg").read_text(encoding="utf-8")
    assert "<dc:date>" not in top  # no date, fixed ids: the same analysis, the same bytes
    again = write_plots(analysis, collaboration.years, tmp_path / "again", plot_format="svg")
    assert [p.read_bytes() for p in again] == [p.read_bytes() for p in paths]


def test_an_empty_network_still_gives_readable_plots(
    collaboration: Collaboration, tmp_path: Path
) -> None:
    empty = Collaboration(years=collaboration.years)
    analysis = analyse(build_network(empty, "coauthors"))
    paths = write_plots(analysis, {}, tmp_path)
    assert all(path.stat().st_size > 1000 for path in paths)


def test_an_unwritable_directory_is_one_clear_error(
    collaboration: Collaboration, tmp_path: Path
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory", encoding="utf-8")
    analysis = analyse(build_network(collaboration, "coauthors"))
    with pytest.raises(OutputError, match="cannot create plot directory"):
        write_plots(analysis, collaboration.years, blocker / "plots")
