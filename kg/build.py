"""``kg build``: inputs -> records -> merged papers -> graph -> the build directory.

The build directory (DESIGN.md §4) holds graph.json, graph.ttl, graph.graphml,
rejected.jsonl, warnings.jsonl, overview.html and manifest.json.  Every record read is either
in the graph (possibly merged with another record of the same paper) or in rejected.jsonl
with its reason; manifest.json says how many of each, per input.
"""

from __future__ import annotations

import gc
import json
import platform
import resource
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import IO, Any

from kg import __version__
from kg.analysis.writeback import write_back_metrics
from kg.errors import OutputError
from kg.graph.bibliographic import build_bibliographic_graph
from kg.graph.biomedical import add_biomedical_layer
from kg.graph.contract import KnowledgeGraph
from kg.graph.derived import DEFAULT_MAX_AUTHORS, add_derived_edges
from kg.graph.papers import PaperIndex
from kg.ingest import Ingest, InputReport
from kg.model import Deletion, Problem
from kg.nlp.annotate import Annotator
from kg.nlp.lexicon import load_lexicon
from kg.views import BUILD_VIEW_FILES
from kg.writers import WRITERS, get_writer

__all__ = ["BuildOptions", "BuildResult", "run_build"]


@dataclass(frozen=True)
class BuildOptions:
    """Everything ``kg build`` can be told."""

    inputs: tuple[str, ...]
    out: Path
    format_name: str | None = None
    strict: bool = False
    max_authors: int = DEFAULT_MAX_AUTHORS
    view_nodes: int = 500
    annotate: bool = True
    lexicon: Path | None = None  # default: the lexicons shipped with kg


@dataclass
class BuildResult:
    """What the CLI summarises after a build."""

    out: Path
    inputs: list[InputReport]
    nodes_by_label: dict[str, int]
    edges_by_type: dict[str, int]
    rejected: int  # records rejected; problems with whole files are in failed_inputs
    warnings: int
    seconds: float
    peak_memory_mb: float
    cited_only_papers: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def read(self) -> int:
        """Records read from all inputs (accepted + rejected + deleted)."""
        return sum(report.records_read for report in self.inputs)

    @property
    def accepted(self) -> int:
        """Records that reached the graph (merged duplicates included)."""
        return sum(report.accepted for report in self.inputs)

    @property
    def deleted(self) -> int:
        """Records removed by a later PubMed DeleteCitation."""
        return sum(report.deleted for report in self.inputs)

    @property
    def failed_inputs(self) -> list[InputReport]:
        """Inputs with a problem of their own (missing, unreadable, cut short)."""
        return [report for report in self.inputs if report.error]


class _ProblemLog:
    """Writes rejections and warnings as JSON Lines while passing them to the CLI."""

    def __init__(self, out: Path, forward: Callable[[Problem], None]) -> None:
        self._rejected: IO[str] = (out / "rejected.jsonl").open("w", encoding="utf-8")
        self._warnings: IO[str] = (out / "warnings.jsonl").open("w", encoding="utf-8")
        self._forward = forward
        self.rejected = 0
        self.warnings = 0

    def __call__(self, problem: Problem) -> None:
        entry = {
            "file": problem.file,
            "line": problem.line,
            "record": problem.record,
            "record_id": problem.record_id,
            "reason": problem.message,
            "expected": problem.expected,
            "found": problem.found,
        }
        line = json.dumps({k: v for k, v in entry.items() if v is not None}, ensure_ascii=False)
        if problem.severity == "error":
            self._rejected.write(line + "\n")
            self.rejected += 1
        else:
            self._warnings.write(line + "\n")
            self.warnings += 1
        self._forward(problem)

    def close(self) -> None:
        self._rejected.close()
        self._warnings.close()


def run_build(
    options: BuildOptions,
    *,
    on_problem: Callable[[Problem], None] = lambda problem: None,
    on_progress: Callable[[int], None] = lambda advance: None,
    on_total: Callable[[int], None] = lambda total: None,
    on_stage: Callable[[str], None] = lambda stage: None,
) -> BuildResult:
    """Run the whole build; callbacks let the CLI show progress without this module printing."""
    started = time.perf_counter()
    _prepare_directory(options.out)
    timings: dict[str, float] = {}
    log = _ProblemLog(options.out, on_problem)
    ingest = Ingest(
        list(options.inputs),
        format_name=options.format_name,
        strict=options.strict,
        on_problem=log,
        on_progress=on_progress,
        exclude=options.out,
    )
    index = PaperIndex()
    try:
        on_total(ingest.total_bytes)
        with _timed(timings, "read"):
            for item in ingest.items():
                if isinstance(item, Deletion):
                    _apply_deletion(index, item, ingest.reports, log)
                else:
                    index.add(item, ingest.reports[-1].file)
    finally:
        log.close()
    on_stage("graph")
    with _timed(timings, "graph"):
        layer = build_bibliographic_graph(index)
        derived = add_derived_edges(layer, options.max_authors)
    graph = layer.graph
    biomedical: dict[str, Any] = {"annotated": False}
    if options.annotate:
        on_stage("annotate")
        with _timed(timings, "lexicon"):
            annotator = Annotator(load_lexicon(options.lexicon))
        with _timed(timings, "annotate"):
            summary = add_biomedical_layer(graph, layer.papers, annotator)
        biomedical = {"annotated": True, "lexicon": annotator.lexicon.digest, **asdict(summary)}
        del annotator  # the compiled lexicon is ~150 MB the writers do not need
    on_stage("analyze")
    with _timed(timings, "analyze"):
        # Network measures as Author/Institution properties, so every writer carries them.
        analysis = write_back_metrics(graph)
    outputs: dict[str, Any] = {}
    for name in ("json", "turtle", "graphml", "html"):
        on_stage(name)
        with _timed(timings, f"write_{name}"):
            outputs[name] = _write(name, graph, options)
    notes: list[str] = []
    if biomedical.get("annotated"):
        notes.append(
            f"annotated {biomedical['papers_annotated']} paper(s): {biomedical['mentions']} "
            f"concept mentions, {biomedical['relations']} relation statements "
            f"({biomedical['speculative_relations']} hedged and "
            f"{biomedical['candidate_relations']} from low-precision rules, kept but not "
            "asserted)"
        )
    if index.conflicts:
        notes.append(
            f"{len(index.conflicts)} record(s) share a DOI, PMCID or title with a paper of "
            "another PMID and were kept apart (see manifest.json, 'kept_apart')"
        )
    if derived.papers_skipped_for_size:
        notes.append(
            f"{derived.papers_skipped_for_size} paper(s) with more than "
            f"{derived.max_authors} authors add no co-authorship pairs"
        )
    result = BuildResult(
        out=options.out,
        inputs=ingest.reports,
        nodes_by_label=dict(
            sorted(Counter(data["label"] for _, data in graph.nodes(data=True)).items())
        ),
        edges_by_type=dict(sorted(Counter(key for _, _, key in graph.edges(keys=True)).items())),
        rejected=sum(report.rejected for report in ingest.reports),
        warnings=log.warnings,
        seconds=time.perf_counter() - started,
        peak_memory_mb=_peak_memory_mb(),
        cited_only_papers=sum(1 for _, inside in graph.nodes(data="in_corpus") if inside is False),
        notes=notes,
    )
    # The graph is written and counted: free it before the store's bulk loader needs its own
    # memory (on 8.4M triples the two together peaked at 3 GB).
    del graph, layer
    gc.collect()
    on_stage("store")
    with _timed(timings, "write_store"):
        from kg.sparql.store import write_store  # pyoxigraph only when building

        outputs["store"] = write_store(options.out)  # SPARQL store loaded from graph.ttl
    result.peak_memory_mb = _peak_memory_mb()
    result.seconds = time.perf_counter() - started
    _write_manifest(options, result, timings, outputs, index, asdict(derived), biomedical, analysis)
    return result


BUILD_FILES = (
    "manifest.json",  # first: a directory without it is not (or no longer) a finished build
    *(spec.filename for spec in WRITERS.values()),
    *BUILD_VIEW_FILES,  # index.html and the views it links
    "rejected.jsonl",
    "warnings.jsonl",
)


def _prepare_directory(out: Path) -> None:
    """Create ``out`` and remove a previous build's files, so a failed build never leaves
    an old manifest describing a mix of old and new outputs."""
    try:
        out.mkdir(parents=True, exist_ok=True)
        for name in BUILD_FILES:
            (out / name).unlink(missing_ok=True)
        from kg.sparql.store import remove_store

        remove_store(out)  # the SPARQL store is a directory
    except OSError as error:
        raise OutputError(f"cannot prepare build directory {out}: {error}") from error


def _apply_deletion(
    index: PaperIndex,
    deletion: Deletion,
    reports: list[InputReport],
    log: Callable[[Problem], None],
) -> None:
    """Remove deleted PMIDs read so far and list them as rejected, so none vanishes silently.

    Each removed record moves from ``accepted`` to ``deleted`` on the input it was read
    from, so every input's counts still add up to the records read from it.
    """
    by_file = {report.file: report for report in reports}
    for pmid in deletion.pmids:
        removed = index.delete(pmid)
        if removed is None:
            continue
        for input_name in removed.inputs:
            report = by_file[input_name]
            report.accepted -= 1
            report.deleted += 1
        for source in removed.sources:
            file, _, number = source.rpartition("#")
            log(
                Problem(
                    file=file,
                    record=int(number) if number.isdigit() else None,
                    record_id=f"pmid:{pmid}",
                    message=f"deleted by a {deletion.reason} in "
                    f"{deletion.source.file} (record {deletion.source.record})",
                )
            )


def _write(name: str, graph: KnowledgeGraph, options: BuildOptions) -> dict[str, Any]:
    spec = WRITERS[name]
    path = options.out / spec.filename
    details: dict[str, Any] = {"path": spec.filename}
    try:
        if name == "html":
            from kg.writers.html import write_build_views

            # overview.html, the other views and index.html linking them
            details.update(write_build_views(graph, options.out, max_nodes=options.view_nodes))
        else:
            get_writer(name)(graph, path)
    except OSError as error:
        raise OutputError(f"cannot write {path}: {error}") from error
    details["bytes"] = path.stat().st_size
    return details


@contextmanager
def _timed(timings: dict[str, float], name: str) -> Iterator[None]:
    started = time.perf_counter()
    try:
        yield
    finally:
        timings[name] = round(time.perf_counter() - started, 3)


def _peak_memory_mb() -> float:
    """Peak resident memory of this process (Linux reports KiB, macOS bytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    divisor = 1024 * 1024 if sys.platform == "darwin" else 1024
    return round(peak / divisor, 1)


def _versions() -> dict[str, str]:
    versions = {"kg": __version__, "python": platform.python_version()}
    packages = ("networkx", "rdflib", "pyoxigraph", "lxml", "msgspec", "click", "igraph", "neo4j")
    for package in packages:
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            continue
    return versions


def _write_manifest(
    options: BuildOptions,
    result: BuildResult,
    timings: dict[str, float],
    outputs: dict[str, Any],
    index: PaperIndex,
    derived: dict[str, Any],
    biomedical: dict[str, Any],
    analysis: dict[str, Any],
) -> None:
    manifest = {
        "kg_version": __version__,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "options": {
            "format": options.format_name,
            "strict": options.strict,
            "max_authors": options.max_authors,
            "view_nodes": options.view_nodes,
            "annotate": options.annotate,
            "lexicon": str(options.lexicon) if options.lexicon else None,
        },
        "inputs": [asdict(report) for report in result.inputs],
        "records": {
            "read": result.read,
            "accepted": result.accepted,
            "rejected": result.rejected,
            "deleted": result.deleted,
            "inputs_with_problems": len(result.failed_inputs),
            "merged_into_existing_papers": index.merged_records,
            "papers": len(index),
            "cited_only_papers": result.cited_only_papers,
            "warnings": result.warnings,
        },
        "nodes": sum(result.nodes_by_label.values()),
        "edges": sum(result.edges_by_type.values()),
        "nodes_by_label": result.nodes_by_label,
        "edges_by_type": result.edges_by_type,
        "derived": derived,
        "biomedical": biomedical,
        "analysis": analysis,
        "outputs": outputs,
        "notes": result.notes,
        "kept_apart": index.conflicts,
        "timings_seconds": {**timings, "total": round(result.seconds, 3)},
        "peak_memory_mb": result.peak_memory_mb,
        "versions": _versions(),
    }
    path = options.out / "manifest.json"
    path.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
