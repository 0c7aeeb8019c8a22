"""``kg lexicon build``: ontologies + curated vocabulary + training corpora -> ontology/lexicon/.

The builder is the only way the committed lexicon files are made, so it must be reproducible
to the byte: every file is sorted, nothing records a time or an absolute path, and
``manifest.json`` holds the checksums of the inputs it read and the outputs it wrote.  One file
per source keeps a rebuild's diff readable (a new MeSH mapping shows up in diseases_mesh.tsv,
not somewhere in one huge file).

An id appears in exactly one file.  A curated entry whose id is an ontology concept's moves that
concept into curated.tsv, augmented; MeSH disease headings a DOID carries are synonyms of the
DOID, not concepts of their own.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Final

from kg.errors import ConfigError, OutputError
from kg.lexicon.corpora import TRAINING, Mining, mine, read_training
from kg.lexicon.curated import augment, check_references, load_curated
from kg.lexicon.model import SEPARATOR, Concept, ConceptLabel, write_concepts
from kg.lexicon.ontologies import (
    SOURCE_FILES,
    load_cell_ontology,
    load_disease_ontology,
    load_gene_ontology,
    load_mesh,
    make_concept,
    read_mesh,
)
from kg.nlp.normalize import normalize_key

__all__ = [
    "CONCEPT_FILES",
    "CORPUS_TERMS",
    "SURFACE_STATISTICS",
    "BuildResult",
    "OutputFile",
    "build_lexicon",
]

DISEASES_DO: Final = "diseases_do.tsv"
DISEASES_MESH: Final = "diseases_mesh.tsv"
CHEMICALS_MESH: Final = "chemicals_mesh.tsv"
MOLECULES_MESH: Final = "molecules_mesh.tsv"
CELL_TYPES_CL: Final = "cell_types_cl.tsv"
PROCESSES_GO: Final = "processes_go.tsv"
CURATED: Final = "curated.tsv"
CORPUS_CONCEPTS: Final = "corpus_concepts.tsv"
CONCEPT_FILES: Final = (
    DISEASES_DO,
    DISEASES_MESH,
    CHEMICALS_MESH,
    MOLECULES_MESH,
    CELL_TYPES_CL,
    PROCESSES_GO,
    CURATED,
    CORPUS_CONCEPTS,
)
CORPUS_TERMS: Final = "corpus_terms.tsv"
SURFACE_STATISTICS: Final = "surface_statistics.tsv"
TERM_COLUMNS: Final = ("surface", "label", "concept", "annotated", "corpora")
STATISTIC_COLUMNS: Final = (
    "key",
    "occurrences",
    "annotated_disease",
    "annotated_chemical",
    "annotated_molecule",
    "occurrences_in_chemical_corpora",
    "occurrences_in_molecule_corpora",
)
REBUILD: Final = (
    "kg lexicon build --source ../shared/data/ontologies --curated ontology/curated "
    "--corpora ../shared/data/corpora --out ontology/lexicon"
)


@dataclass(frozen=True, slots=True)
class OutputFile:
    """One written file: its name, data rows, size and checksum."""

    name: str
    rows: int
    bytes: int
    sha256: str


@dataclass(frozen=True, slots=True)
class BuildResult:
    """What a build wrote and read."""

    out: Path
    files: tuple[OutputFile, ...]
    inputs: dict[str, str]  # input file (relative, with its root's role) -> sha256
    augmented: tuple[str, ...]  # ontology ids a curated entry augmented
    labels: dict[str, int]  # concepts per label over all concept files

    @property
    def total_bytes(self) -> int:
        """Size of every file written, README and manifest included."""
        return sum(output.bytes for output in self.files)


def build_lexicon(
    source: Path,
    out: Path,
    *,
    curated: Path | None = None,
    corpora: Path | None = None,
) -> BuildResult:
    """Build every lexicon file under ``out`` from ``source`` (and curated files, corpora).

    Raises ConfigError for a directory that does not exist, InputError (or a subclass) naming
    the file for a missing or malformed input, OutputError when ``out`` cannot be written.
    """
    for role, directory in (("ontology source", source), ("corpora", corpora)):
        if directory is not None and not directory.is_dir():
            raise ConfigError(f"{role} directory {directory} does not exist")

    mesh_tables = read_mesh(source)
    disease_ontology = load_disease_ontology(source, mesh_tables.names)
    mesh = load_mesh(mesh_tables, disease_ontology.owner)
    files: dict[str, dict[str, Concept]] = {
        DISEASES_DO: {
            doid: _with_synonyms(concept, mesh.doid_synonyms.get(doid, ()))
            for doid, concept in disease_ontology.concepts.items()
        },
        DISEASES_MESH: mesh.diseases,
        CHEMICALS_MESH: mesh.chemicals,
        MOLECULES_MESH: mesh.molecules,
        CELL_TYPES_CL: load_cell_ontology(source),
        PROCESSES_GO: load_gene_ontology(source),
        CURATED: {},
        CORPUS_CONCEPTS: {},
    }
    inputs = {f"ontologies/{name}": _sha256(source / name) for name in SOURCE_FILES}

    augmented: list[str] = []
    if curated is not None:
        entries = load_curated(curated)
        inputs.update(
            (f"curated/{path.name}", _sha256(path)) for path in sorted(curated.glob("*.toml"))
        )
        home = {concept_id: name for name, table in files.items() for concept_id in table}
        labels: dict[str, ConceptLabel] = {
            concept_id: concept.label
            for table in files.values()
            for concept_id, concept in table.items()
        }
        labels.update((entry.concept.id, entry.concept.label) for entry in entries)
        check_references(entries, labels, mesh.merged)
        for entry in entries:
            concept = entry.concept
            if concept.id in home:
                concept = augment(files[home[concept.id]].pop(concept.id), concept)
                augmented.append(concept.id)
            files[CURATED][concept.id] = concept

    mining: Mining | None = None
    if corpora is not None:
        training = read_training(corpora)
        inputs.update(
            (f"corpora/{corpus.path}", _sha256(corpora / corpus.path)) for corpus in TRAINING
        )
        lexicon = {concept_id: c for table in files.values() for concept_id, c in table.items()}
        mining = mine(
            training,
            _grounder(lexicon, disease_ontology.owner),
            lexicon.__contains__,
            {normalize_key(name) for concept in lexicon.values() for name in concept.names()},
        )
        files[CORPUS_CONCEPTS] = {concept.id: concept for concept in mining.concepts}

    return _write(out, files, mining, inputs, tuple(augmented), corpora is not None)


def _with_synonyms(concept: Concept, synonyms: Iterable[str]) -> Concept:
    synonyms = tuple(synonyms)
    if not synonyms:
        return concept
    merged = make_concept(
        concept.id,
        concept.label,
        concept.name,
        [*concept.synonyms, *synonyms],
        xrefs=concept.xrefs,
        parents=concept.parents,
        source=f"{concept.source}; MeSH 2015 headings",
    )
    return replace(merged, extra=concept.extra)


def _grounder(lexicon: Mapping[str, Concept], owner: Mapping[str, str]) -> _Ground:
    """Corpus id -> lexicon id: itself, the DOID that owns it, a concept that has it as xref.

    Curated concepts come first among xref holders (a curated molecule is the place for an
    NCBIGene id), then ontology concepts by id; an id nobody holds stays as it is.
    """
    holders: dict[str, str] = {}
    ranked = sorted(lexicon.values(), key=lambda c: (not c.extra.get("curated"), c.id))
    for concept in ranked:
        for xref in concept.xrefs:
            holders.setdefault(xref, concept.id)
    return _Ground(lexicon, owner, holders)


@dataclass(frozen=True, slots=True)
class _Ground:
    lexicon: Mapping[str, Concept]
    owner: Mapping[str, str]
    holders: Mapping[str, str]

    def __call__(self, curie: str) -> str:
        if curie in self.lexicon:
            return curie
        found = self.owner.get(curie)
        if found is not None and found in self.lexicon:
            return found
        return self.holders.get(curie, curie)


# --------------------------------------------------------------------------------------------
# Writing


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _write(
    out: Path,
    files: Mapping[str, Mapping[str, Concept]],
    mining: Mining | None,
    inputs: Mapping[str, str],
    augmented: tuple[str, ...],
    mined: bool,
) -> BuildResult:
    try:
        out.mkdir(parents=True, exist_ok=True)
        rows: dict[str, int] = {}
        for name, table in files.items():
            rows[name] = write_concepts(out / name, table.values())
        rows[CORPUS_TERMS] = _write_rows(
            out / CORPUS_TERMS,
            TERM_COLUMNS,
            (
                (t.surface, t.label, t.concept, str(t.annotated), SEPARATOR.join(t.corpora))
                for t in (mining.terms if mining else [])
            ),
        )
        rows[SURFACE_STATISTICS] = _write_rows(
            out / SURFACE_STATISTICS,
            STATISTIC_COLUMNS,
            (
                (
                    s.key,
                    str(s.occurrences),
                    str(s.annotated["Disease"]),
                    str(s.annotated["Chemical"]),
                    str(s.annotated["Molecule"]),
                    str(s.chemical_corpora),
                    str(s.molecule_corpora),
                )
                for s in (mining.statistics if mining else [])
            ),
        )
        labels: dict[str, int] = {}
        for table in files.values():
            for concept in table.values():
                labels[concept.label] = labels.get(concept.label, 0) + 1
        outputs = [
            OutputFile(name, count, (out / name).stat().st_size, _sha256(out / name))
            for name, count in rows.items()
        ]
        readme = out / "README.md"
        readme.write_text(_readme(outputs, labels, augmented, mined), encoding="utf-8")
        outputs.append(OutputFile("README.md", 0, readme.stat().st_size, _sha256(readme)))
        manifest = out / "manifest.json"
        manifest.write_text(_manifest(outputs, inputs, labels, augmented), encoding="utf-8")
        outputs.append(OutputFile("manifest.json", 0, manifest.stat().st_size, ""))
    except OSError as error:
        raise OutputError(f"cannot write the lexicon to {out}: {error}") from error
    return BuildResult(out, tuple(outputs), dict(inputs), augmented, dict(sorted(labels.items())))


def _write_rows(path: Path, columns: tuple[str, ...], rows: Iterable[tuple[str, ...]]) -> int:
    count = 0
    with path.open("w", encoding="utf-8", newline="\n") as stream:
        stream.write("\t".join(columns) + "\n")
        for row in rows:
            stream.write("\t".join(cell.replace("\t", " ") for cell in row) + "\n")
            count += 1
    return count


def _manifest(
    outputs: Iterable[OutputFile],
    inputs: Mapping[str, str],
    labels: Mapping[str, int],
    augmented: tuple[str, ...],
) -> str:
    document = {
        "builder": "kg lexicon build",
        "rebuild": REBUILD,
        "outputs": {
            output.name: {"rows": output.rows, "bytes": output.bytes, "sha256": output.sha256}
            for output in outputs
        },
        "concepts_by_label": dict(sorted(labels.items())),
        "curated_augments": list(augmented),
        "inputs_sha256": dict(sorted(inputs.items())),
    }
    return json.dumps(document, indent=2, sort_keys=False, ensure_ascii=False) + "\n"


def _size(count: int) -> str:
    return f"{count / 1_048_576:.2f} MiB" if count >= 1_048_576 else f"{count / 1024:.1f} KiB"


_WHAT: Final = {
    DISEASES_DO: "Disease Ontology diseases (DOID), with MeSH headings they carry as synonyms",
    DISEASES_MESH: "MeSH 2015 disease descriptors (C tree, F03) no DOID carries",
    CHEMICALS_MESH: "MeSH 2015 chemicals and drugs (D tree)",
    MOLECULES_MESH: "MeSH 2015 signalling proteins: cytokines, growth factors, receptors, "
    "transcription factors, enzymes",
    CELL_TYPES_CL: "Cell Ontology cell types",
    PROCESSES_GO: "Gene Ontology biological processes (Mechanism)",
    CURATED: "the curated vocabulary of ontology/curated/*.toml (and the ontology concepts it "
    "augments)",
    CORPUS_CONCEPTS: "concepts the training corpora annotate that no other file has (MeSH "
    "supplementary chemicals, NCBI genes, OMIM)",
    CORPUS_TERMS: "annotated spellings of the training corpora and the concept each grounds to",
    SURFACE_STATISTICS: "per name key: occurrences in the training texts and how often annotated",
}

# (source, release, files under shared/data, licence), as SOURCES.md states them.
_SOURCES: Final = (
    (
        "Disease Ontology",
        "reports of 2026-07-31 (ids, labels, parents, xrefs)",
        "`ontologies/doid/DOreports_HumanDO_2026-07-31.tsv`, "
        "`ontologies/doid/DOreports_allXREFinDO_2026-07-31.tsv`",
        "CC0 1.0",
    ),
    (
        "Disease Ontology",
        "doid.obo release 2016-09-01 (synonyms, obsolete flags, older xrefs)",
        "`ontologies/doid/doid_2016-09-01.obo.gz`",
        "CC BY 3.0 (the licence of that release; DO is CC0 today)",
    ),
    (
        "MeSH",
        "2015 descriptors and tree numbers (preferred headings only)",
        "`ontologies/mesh/mesh2015_descriptors.tsv`, `ontologies/mesh/mesh2015_tree_numbers.tsv`",
        "MeSH content from the U.S. National Library of Medicine (NLM terms and conditions); "
        "tables from dhimmel/mesh, CC0 1.0",
    ),
    (
        "Cell Ontology",
        "cl-basic.obo 2022-11-25",
        "`ontologies/cl/cl-basic_2022-11-25.obo`",
        "CC BY 4.0",
    ),
    (
        "Gene Ontology",
        "go-basic 2022-07-01 via Bioconductor GO.db 3.16.0",
        "`ontologies/go/go_terms.tsv.gz`, `go_synonyms.tsv.gz`, `go_parents.tsv.gz`, "
        "`go_obsolete.tsv.gz`",
        "GO data CC BY 4.0; GO.db packaging Artistic-2.0",
    ),
    (
        "NCBI-disease",
        "training split",
        "`corpora/ncbi-disease/NCBItrainset_corpus.txt`",
        "NCBI public-domain notice (U.S. Government work)",
    ),
    (
        "BC5CDR",
        "training split",
        "`corpora/bc5cdr/CDR_TrainingSet.PubTator.txt`",
        "BioCreative V CDR corpus (Li et al. 2016), freely distributed for research by "
        "BioCreative/NCBI (BigBio lists Public Domain Mark 1.0)",
    ),
    (
        "BioRED",
        "training split",
        "`corpora/biored/Train.PubTator`",
        "BioRED (Luo et al. 2022), distributed freely by NCBI",
    ),
)

_README_SOURCES: Final = (
    "## Sources, versions and licences\n\n"
    "| source | release | files (under `shared/data`) | licence |\n"
    "|---|---|---|---|\n"
    + "".join(f"| {' | '.join(row)} |\n" for row in _SOURCES)
    + """
Attribution for the CC BY sources: Disease Ontology (Schriml et al.), Cell Ontology
(obophenotype/cell-ontology), Gene Ontology Consortium.  Only the training splits of the
corpora are read; their development splits are kept for evaluation.  The SHA-256 of every input
is in `manifest.json`.
"""
)

_README_DECISIONS: Final = """\
## How the sources are combined

* **Diseases.**  Current DOIDs, labels and parents come from the 2026 DO reports (parents are
  given as labels and resolved to ids).  Synonyms come from the 2016 OBO: EXACT and NARROW are
  kept, BROAD dropped, RELATED kept only when no other DO term uses the same name as its name or
  as a synonym of any scope (RELATED holds good names such as "Basedow's disease" but also wrong
  ones such as "CLL" on *chronic leukemia*); a RELATED name several terms share goes to the one
  that is an ancestor of the others, else to none.  Terms absent from the 2026 report
  (obsolete) are skipped.  MeSH and OMIM xrefs are the union of both releases.
* **One concept per disease.**  A MeSH C-tree or F03 descriptor that a DOID carries as xref is
  not a concept of its own: its heading and the heading in natural order ("Arthritis,
  Rheumatoid" -> "Rheumatoid Arthritis") become synonyms of the DOID.  When several DOIDs carry
  the same MeSH or OMIM id, one owns it: the one named like the heading, else the one with the
  xref in the current release, else the one that is an ancestor of the others, else the lowest
  number.  Corpus ids ground to that owner.  MeSH parents are mapped to the owning DOIDs;
  DOIDs keep DO parents only.
* **Chemicals and molecules.**  D-tree descriptors are Chemical, except the signalling proteins
  under D12.644.276 (cytokines, chemokines, growth factors), D12.776.543.750 (cell-surface
  receptors), D12.776.930 (transcription factors) and D08.811 (enzymes), which are Molecule.
  Checked against the BC5CDR training annotations: of its 5,024 Chemical mentions only 13 fall
  in these branches, 11 of them bradykinin, a kinin; BC5CDR also calls other short peptides
  (angiotensins, urotensins, neurotensin, calcitonin) Chemical.  So kinins (D12.644.276.812) and
  endothelins (D12.644.276.400), short vasoactive peptides, stay Chemical.  BioRED calls a few
  enzymes Chemical when they are drugs or lab analytes (asparaginase, creatine kinase); enzymes
  stay Molecule and corpus_terms.tsv records the corpus's own label.  A descriptor in both the
  C and D trees is a Disease.
* **Cell types.**  Non-obsolete CL terms; EXACT and NARROW synonyms, RELATED ones as for DO
  (CL's RELATED synonyms include "MSC" and "mesenchymal stromal cell"; "beta cell", RELATED on
  a pituitary cell but BROAD on the pancreatic B cell, is dropped), no BROAD; is-a parents.
* **Processes.**  GO biological processes that are not obsolete; GO.db does not record synonym
  scopes, so a synonym is dropped when it is another process's name, and one shared by several
  processes goes to the process that is an ancestor (is-a, part-of or regulates) of the others
  ("apoptosis" -> *apoptotic process*), else to none.  Parents are is-a edges only.
* **Curated.**  `ontology/curated/*.toml` entries are validated (keys, labels, unique ids,
  referenced ids exist with the right label).  An entry whose id is an ontology concept's
  augments it (curated label and name, synonyms/xrefs/parents united) and the concept moves to
  curated.tsv, so every id is in exactly one file.  Curated concepts carry
  `extra.curated = true` and their derived_from / direction / targets / cell_types /
  unambiguous fields in `extra`.
* **Names.**  Everywhere, names that are empty, one character, a number or longer than 12
  tokens are dropped, and synonyms are unique by comparison key (`kg.nlp.normalize_key`).  A
  concept whose only name is longer than 12 tokens keeps it as display name.  Nothing else is
  judged here: common or ambiguous names are the recogniser's business, using
  surface_statistics.tsv.
* **Corpus mining.**  Composite mentions and mentions without an id are not mined (they still
  count in the statistics).  A corpus id grounds to the lexicon concept with that id, else to the
  DOID that owns it, else to a concept (curated first) that has it as xref, else to a concept of
  its own in corpus_concepts.tsv.  A document duplicated within a corpus counts once.
  `surface_statistics.tsv` counts whole-token n-grams (n <= 8) of the normalised title and
  abstract over the candidate keys (every lexicon name and every annotated surface);
  `occurrences_in_chemical_corpora` / `occurrences_in_molecule_corpora` count only in the corpora
  that annotate chemicals (BC5CDR, BioRED) / genes (BioRED), since a gene name in an NCBI-disease
  abstract was never going to be annotated.
"""


def _readme(
    outputs: Iterable[OutputFile],
    labels: Mapping[str, int],
    augmented: tuple[str, ...],
    mined: bool,
) -> str:
    lines = [
        "# Lexicons",
        "",
        "Generated by `kg lexicon build`; do not edit these files by hand.  Change",
        "`ontology/curated/*.toml` (or the builder in `kg/lexicon/`) and rebuild from the",
        "repository root:",
        "",
        "```",
        REBUILD,
        "```",
        "",
        "A rebuild from the same inputs is byte-identical; `manifest.json` lists each file's rows",
        "and SHA-256 and the SHA-256 of every input.",
        "",
        "## Files",
        "",
        "| file | rows | size | contents |",
        "|---|---:|---:|---|",
    ]
    total = 0
    for output in outputs:
        total += output.bytes
        lines.append(
            f"| `{output.name}` | {output.rows:,} | {_size(output.bytes)} | {_WHAT[output.name]} |"
        )
    lines += [
        "",
        f"Total {_size(total)} in the TSV files.  Concepts by label: "
        + ", ".join(f"{label} {count:,}" for label, count in sorted(labels.items()))
        + f".  Curated entries that augment an ontology concept: {len(augmented)}.",
        "",
        "Concept files have the columns `id label name synonyms xrefs parents source extra`",
        f"(`kg/lexicon/model.py`; lists joined by `{SEPARATOR}`).  `corpus_terms.tsv` has",
        "`surface label concept annotated corpora`; `surface_statistics.tsv` has "
        f"`{' '.join(STATISTIC_COLUMNS)}`.",
        "",
    ]
    if not mined:
        lines += ["The corpora were not given to this build: the corpus files are empty.", ""]
    return "\n".join(lines) + "\n" + _README_SOURCES + "\n" + _README_DECISIONS
