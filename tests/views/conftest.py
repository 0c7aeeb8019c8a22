"""Fixtures of the view tests: the example build, a build of hostile records, a real Chromium."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from support import DATA, EXAMPLES
from views.chromium import BrowserError, Chromium, Unavailable

from kg.build import BuildOptions, run_build
from kg.graph.contract import KnowledgeGraph
from kg.writers.nodelink import read_node_link

XSS_TITLE = "<img src=x onerror=alert(1)>"
XSS_AUTHOR = '<script>alert("au")</script>'
XSS_PLACE = "<svg onload=alert(2)> Institute"
XSS_SENTENCE = (
    "Mesenchymal stem cells treat systemic lupus erythematosus <img src=y onerror=alert(3)>."
)


def hostile_records() -> str:
    """Two MEDLINE records whose texts are markup: the real record of
    ``tests/data/medline/biopython_pubmed_result1.txt`` (PMID 12230038) with its title,
    first author, affiliation, journal and abstract replaced, and a second paper by the
    same two authors so that co-authorship and collaboration edges exist too."""
    real = (DATA / "medline" / "biopython_pubmed_result1.txt").read_text(encoding="utf-8")
    real = real.strip("\n")
    byline = (
        f"FAU - {XSS_AUTHOR}, Eve\nAU  - {XSS_AUTHOR} E\nAD  - {XSS_PLACE}, Irvine, CA, USA.\n"
        "FAU - Mangalam, Harry\nAU  - Mangalam H\n"
        "AD  - University of California Irvine, Irvine, CA, USA."
    )
    record = (
        real.replace("TI  - The Bio* toolkits--a brief overview.", f"TI  - {XSS_TITLE}")
        .replace("AD  - tacg Informatics, Irvine, CA 92612, USA. hjm@tacgi.com\n", "")
        .replace("FAU - Mangalam, Harry\nAU  - Mangalam H", byline)
        .replace("TA  - Brief Bioinform", 'TA  - <b>J</b> & "Co"')
        .replace("AB  - Bioinformatics research", f"AB  - {XSS_SENTENCE} Bioinformatics research")
    )
    second = record.replace("PMID- 12230038", "PMID- 12230039").replace(
        f"TI  - {XSS_TITLE}", "TI  - A second paper by the same authors."
    )
    return f"{record}\n\n{second}\n"


def _build(out: Path, *inputs: Path) -> Path:
    run_build(BuildOptions(inputs=tuple(str(path) for path in inputs), out=out))
    return out


@pytest.fixture(scope="session")
def example_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``kg build examples/``: 66 real papers, with every view written."""
    return _build(tmp_path_factory.mktemp("views-examples"), EXAMPLES)


@pytest.fixture(scope="session")
def example_graph(example_build: Path) -> KnowledgeGraph:
    return read_node_link(example_build / "graph.json")


@pytest.fixture(scope="session")
def hostile_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A build of records whose title, author, institution and abstract are markup."""
    folder = tmp_path_factory.mktemp("views-hostile")
    source = folder / "hostile.nbib"
    source.write_text(hostile_records(), encoding="utf-8")
    return _build(folder / "build", source)


@pytest.fixture(scope="session")
def chromium() -> Iterator[Chromium]:
    """Debian's Chromium, headless, for the whole session.

    Missing Chromium skips the browser tests on a developer's machine but fails them under
    CI (``CI`` set), where ``.ci/run`` installs it.
    """
    try:
        browser = Chromium()
    except (Unavailable, BrowserError, OSError) as error:
        message = f"cannot run headless Chromium here: {error}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    try:
        yield browser
    finally:
        browser.close()
