"""Loaders that turn the open ontologies under ``shared/data/ontologies`` into concepts.

Each loader reads one ontology as it is distributed (OBO, the Disease Ontology's TSV reports,
the MeSH and GO.db tables) and returns :class:`~kg.lexicon.model.Concept` objects; merging them
into one lexicon is :mod:`kg.lexicon.assemble`'s job.  The file names, with their release dates,
are fixed here on purpose: a lexicon is rebuilt from exactly these releases, and the manifest
records their checksums.

Synonym scopes.  An OBO synonym is EXACT, NARROW, RELATED or BROAD.  EXACT and NARROW ones name
the term (or one of its kinds) and are kept.  BROAD ones name something wider ("beta cell" on the
pancreatic B cell) and are dropped.  RELATED ones are a mix of good names ("Basedow's disease",
"mesenchymal stromal cell") and wrong ones ("CLL" on *chronic leukemia*), so they are kept only
when no other term of the same ontology uses the same name (as name or synonym of any scope);
GO.db does not record scopes, so every GO synonym is treated that way.
"""

from __future__ import annotations

import csv
import gzip
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from kg.errors import CorruptInput, InputError, NotParsable
from kg.lexicon.model import Concept, ConceptLabel
from kg.nlp.normalize import normalize_key

__all__ = [
    "CL_OBO",
    "DO_OBO",
    "DO_TERMS",
    "DO_XREFS",
    "GO_OBSOLETE",
    "GO_PARENTS",
    "GO_SYNONYMS",
    "GO_TERMS",
    "MESH_DESCRIPTORS",
    "MESH_TREES",
    "MOLECULE_BRANCHES",
    "SOURCE_FILES",
    "DiseaseOntology",
    "MeshLexicon",
    "OboTerm",
    "load_cell_ontology",
    "load_disease_ontology",
    "load_gene_ontology",
    "load_mesh",
    "make_concept",
    "natural_order",
    "parse_obo",
    "usable_name",
]

DO_TERMS: Final = "doid/DOreports_HumanDO_2026-07-31.tsv"
DO_XREFS: Final = "doid/DOreports_allXREFinDO_2026-07-31.tsv"
DO_OBO: Final = "doid/doid_2016-09-01.obo.gz"
MESH_DESCRIPTORS: Final = "mesh/mesh2015_descriptors.tsv"
MESH_TREES: Final = "mesh/mesh2015_tree_numbers.tsv"
CL_OBO: Final = "cl/cl-basic_2022-11-25.obo"
GO_TERMS: Final = "go/go_terms.tsv.gz"
GO_SYNONYMS: Final = "go/go_synonyms.tsv.gz"
GO_PARENTS: Final = "go/go_parents.tsv.gz"
GO_OBSOLETE: Final = "go/go_obsolete.tsv.gz"
SOURCE_FILES: Final = (
    DO_TERMS,
    DO_XREFS,
    DO_OBO,
    MESH_DESCRIPTORS,
    MESH_TREES,
    CL_OBO,
    GO_TERMS,
    GO_SYNONYMS,
    GO_PARENTS,
    GO_OBSOLETE,
)

DO_SOURCE: Final = "Disease Ontology 2026-07-31 (synonyms from doid.obo 2016-09-01)"
MESH_SOURCE: Final = "MeSH 2015"
CL_SOURCE: Final = "Cell Ontology 2022-11-25"
GO_SOURCE: Final = "Gene Ontology 2022-07-01 (GO.db 3.16.0)"

# MeSH branches whose descriptors are signalling proteins (Molecule), not drugs (Chemical).
MOLECULE_BRANCHES: Final = (
    "D12.644.276",  # intercellular signalling peptides and proteins: cytokines, growth factors
    "D12.776.543.750",  # cell-surface receptors
    "D12.776.930",  # transcription factors
    "D08.811",  # enzymes
)
# Short vasoactive peptides inside D12.644.276 that BC5CDR's training set annotates as Chemical
# (bradykinin 11 times); endothelins are peptides of the same kind.
CHEMICAL_PEPTIDE_BRANCHES: Final = (
    "D12.644.276.812",  # kinins
    "D12.644.276.400",  # endothelins
)

_MAX_TOKENS: Final = 12
_STRONG_SCOPES: Final = frozenset({"EXACT", "NARROW"})
_SYNONYM_LINE: Final = re.compile(r'^"((?:[^"\\]|\\.)*)"\s+([A-Z]+)')
_MESH_ID: Final = re.compile(r"^[CD]\d{6,9}$")


# --------------------------------------------------------------------------------------------
# Names


def usable_name(text: str) -> bool:
    """Whether a name may be recognised at all: not empty, one character, a number or a sentence.

    Everything subtler (common words, ambiguous acronyms) is left to the recogniser, which has
    the corpus statistics to judge it.
    """
    key = normalize_key(text)
    if len(key) <= 1 or key.replace(" ", "").isdigit():
        return False
    return key.count(" ") < _MAX_TOKENS


def tidy(text: str) -> str:
    """Collapse runs of whitespace, so names from different files compare and print alike."""
    return " ".join(text.split())


def natural_order(name: str) -> str | None:
    """The natural word order of an inverted MeSH heading, or None when it is not inverted.

    MeSH writes the head noun first ("Arthritis, Rheumatoid", "Leukemia, Myeloid, Acute");
    texts say "rheumatoid arthritis" and "acute myeloid leukemia", i.e. the comma-separated parts
    in reverse.  Commas inside chemical names ("1,2-dichloro") have no space and are untouched.
    """
    parts = [part.strip() for part in name.split(", ")]
    if len(parts) < 2 or any(not part for part in parts):
        return None
    if any(part.lower().startswith(("and ", "or ")) for part in parts):
        return None  # a list ("Hormones, Hormone Substitutes, and Hormone Antagonists")
    return " ".join(reversed(parts))


def make_concept(
    concept_id: str,
    label: ConceptLabel,
    name: str,
    synonyms: Iterable[str] = (),
    *,
    xrefs: Iterable[str] = (),
    parents: Iterable[str] = (),
    source: str,
) -> Concept:
    """A concept with unusable synonyms dropped and synonyms unique by comparison key.

    When the preferred name itself is unusable (a DO name of 14 words, say) the first usable
    synonym takes its place; with none, the name stays as the concept's display name, since the
    concept must exist for its ids and as a parent (a 13-word phrase cannot match by accident).
    """
    names: dict[str, str] = {}
    for text in (name, *synonyms):
        cleaned = tidy(text)
        if usable_name(cleaned):
            names.setdefault(normalize_key(cleaned), cleaned)
    first, *rest = names.values() if names else (tidy(name),)
    return Concept(
        id=concept_id,
        label=label,
        name=first,
        synonyms=tuple(rest),
        xrefs=tuple(dict.fromkeys(x for x in xrefs if x != concept_id)),
        parents=tuple(dict.fromkeys(p for p in parents if p != concept_id)),
        source=source,
    )


def ancestry(graph: Mapping[str, Iterable[str]]) -> Callable[[str], frozenset[str]]:
    """A memoised function giving every ancestor of a term in a parent graph (cycles tolerated)."""
    memo: dict[str, frozenset[str]] = {}

    def ancestors(term: str) -> frozenset[str]:
        found = memo.get(term)
        if found is None:
            seen: set[str] = set()
            stack = list(graph.get(term, ()))
            while stack:
                parent = stack.pop()
                if parent not in seen:
                    seen.add(parent)
                    stack.extend(graph.get(parent, ()))
            found = memo[term] = frozenset(seen)
        return found

    return ancestors


def _broadest(claimants: set[str], ancestors: Callable[[str], frozenset[str]]) -> str | None:
    """The claimant that is an ancestor of every other claimant, if there is one."""
    for term in sorted(claimants):
        if all(term in ancestors(other) for other in claimants if other != term):
            return term
    return None


def _keep_unclaimed(
    strong: Mapping[str, Iterable[str]],
    weak: Mapping[str, Iterable[str]],
    ancestors: Callable[[str], frozenset[str]],
    broad: Mapping[str, Iterable[str]] | None = None,
) -> dict[str, list[str]]:
    """Weak synonyms per term, without those another term of the ontology also uses.

    A weak synonym several terms share goes to the one that is an ancestor of all the others
    ("apoptosis" on both *apoptotic process* and its part *execution phase of apoptosis*),
    else to none; one that is another term's name, strong or BROAD synonym is always dropped
    ("beta cell", BROAD on the pancreatic B cell, is not kept as RELATED on a pituitary cell).
    """
    owners: defaultdict[str, set[str]] = defaultdict(set)
    for table in (strong, broad or {}):
        for term_id, names in table.items():
            for text in names:
                owners[normalize_key(text)].add(term_id)
    weak_owners: defaultdict[str, set[str]] = defaultdict(set)
    for term_id, names in weak.items():
        for text in names:
            weak_owners[normalize_key(text)].add(term_id)
    winner = {
        key: (next(iter(terms)) if len(terms) == 1 else _broadest(terms, ancestors))
        for key, terms in weak_owners.items()
    }
    kept: dict[str, list[str]] = {}
    for term_id, names in weak.items():
        kept[term_id] = [
            text
            for text in names
            if owners.get(normalize_key(text), set()) <= {term_id}
            and winner[normalize_key(text)] == term_id
        ]
    return kept


# --------------------------------------------------------------------------------------------
# Reading files


def _require(path: Path, what: str) -> Path:
    if not path.is_file():
        raise InputError(f"file not found; expected {what}", file=str(path))
    return path


def read_lines(path: Path, what: str) -> list[str]:
    """All lines of a (possibly gzip-compressed) UTF-8 file, without line ends."""
    _require(path, what)
    try:
        if path.suffix == ".gz":
            with gzip.open(path, "rt", encoding="utf-8") as stream:
                text = stream.read()
        else:
            text = path.read_text(encoding="utf-8")
    except (OSError, EOFError, UnicodeDecodeError) as error:
        raise CorruptInput(f"cannot read {what}: {error}", file=str(path)) from error
    return text.splitlines()


def _table(
    path: Path, what: str, header: tuple[str, ...], *, quoted: bool = False
) -> list[list[str]]:
    """Rows of a tab-separated file whose first line must be ``header``."""
    lines = read_lines(path, what)
    rows = list(csv.reader(lines, delimiter="\t")) if quoted else [ln.split("\t") for ln in lines]
    if not rows or tuple(rows[0]) != header:
        found = " ".join(rows[0]) if rows else "an empty file"
        raise NotParsable(
            f"expected {what} with the columns {' '.join(header)}; found {found}",
            file=str(path),
            line=1,
        )
    for number, row in enumerate(rows[1:], start=2):
        if len(row) != len(header):
            raise NotParsable(
                f"expected {len(header)} tab-separated columns, found {len(row)}",
                file=str(path),
                line=number,
            )
    return rows[1:]


# --------------------------------------------------------------------------------------------
# OBO


@dataclass(frozen=True, slots=True)
class OboTerm:
    """The parts of an OBO ``[Term]`` stanza a lexicon needs."""

    id: str
    name: str
    synonyms: tuple[tuple[str, str], ...] = ()  # (text, scope)
    xrefs: tuple[str, ...] = ()
    is_a: tuple[str, ...] = ()
    obsolete: bool = False


@dataclass(slots=True)
class _Stanza:
    id: str = ""
    name: str = ""
    synonyms: list[tuple[str, str]] = field(default_factory=list)
    xrefs: list[str] = field(default_factory=list)
    is_a: list[str] = field(default_factory=list)
    obsolete: bool = False

    def freeze(self) -> OboTerm:
        return OboTerm(
            self.id,
            self.name,
            tuple(self.synonyms),
            tuple(self.xrefs),
            tuple(self.is_a),
            self.obsolete,
        )


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def parse_obo(lines: Iterable[str]) -> Iterator[OboTerm]:
    """The ``[Term]`` stanzas of an OBO 1.2 file; other stanzas (``[Typedef]``) are skipped."""
    stanza: _Stanza | None = None
    for raw in lines:
        line = raw.strip()
        if line.startswith("["):
            if stanza is not None and stanza.id:
                yield stanza.freeze()
            stanza = _Stanza() if line == "[Term]" else None
            continue
        if stanza is None or ":" not in line:
            continue
        tag, _, value = line.partition(":")
        value = value.strip()
        if tag == "id":
            stanza.id = value
        elif tag == "name":
            stanza.name = value
        elif tag == "synonym":
            match = _SYNONYM_LINE.match(value)
            if match:
                stanza.synonyms.append((_unescape(match.group(1)), match.group(2)))
        elif tag == "xref" and value:
            stanza.xrefs.append(value.split()[0])
        elif tag == "is_a" and value:
            stanza.is_a.append(value.split()[0])
        elif tag == "is_obsolete":
            stanza.obsolete = value == "true"
    if stanza is not None and stanza.id:
        yield stanza.freeze()


def _split_synonyms(term: OboTerm) -> tuple[list[str], list[str], list[str]]:
    """(EXACT and NARROW, RELATED, BROAD) synonyms of a term."""
    strong = [text for text, scope in term.synonyms if scope in _STRONG_SCOPES]
    weak = [text for text, scope in term.synonyms if scope == "RELATED"]
    broad = [text for text, scope in term.synonyms if scope == "BROAD"]
    return strong, weak, broad


# --------------------------------------------------------------------------------------------
# Disease Ontology


def _curie(xref: str) -> str | None:
    """A DO cross-reference as the CURIE the lexicon uses, or None for vocabularies not kept."""
    prefix, _, local = xref.partition(":")
    if prefix in ("MESH", "MSH") and _MESH_ID.match(local):
        return f"MESH:{local}"
    if prefix in ("MIM", "OMIM") and local.isdigit():
        return f"OMIM:{local}"
    return None


def _xref_order(xref: str) -> tuple[int, str]:
    """MeSH descriptors, then MeSH supplementary concepts, then OMIM (the format's preference)."""
    rank = 0 if xref.startswith("MESH:D") else 1 if xref.startswith("MESH:") else 2
    return rank, xref


@dataclass(frozen=True, slots=True)
class DiseaseOntology:
    """Current DO concepts and, for each MeSH/OMIM id, the one DOID that stands for it."""

    concepts: dict[str, Concept]
    owner: dict[str, str]  # "MESH:D001172" -> "DOID:7148"


def load_disease_ontology(
    source: Path, mesh_names: Mapping[str, str] | None = None
) -> DiseaseOntology:
    """Current DOIDs (2026 reports) with the 2016 OBO's synonyms and both releases' xrefs.

    Parents come as labels in HumanDO.tsv and are resolved through the labels of all three
    files (the root, "disease", has no row of its own).  ``mesh_names`` (MeSH id -> heading)
    helps choose which DOID owns a MeSH id several of them carry; see :func:`_choose_owners`.
    """
    rows = _table(
        source / DO_TERMS,
        "the Disease Ontology HumanDO report",
        ("id", "label", "subClassOf"),
        quoted=True,
    )
    xref_rows = _table(
        source / DO_XREFS, "the Disease Ontology xref report", ("id", "label", "xref"), quoted=True
    )
    obo = {term.id: term for term in parse_obo(read_lines(source / DO_OBO, "doid.obo"))}

    names: dict[str, str] = {}
    parent_labels: defaultdict[str, list[str]] = defaultdict(list)
    for doid, label, parent in rows:
        names[doid] = label
        parent_labels[doid].append(parent)
    label_of = {doid: label for doid, label, _ in xref_rows}
    by_label = {term.name: term.id for term in obo.values() if not term.obsolete}
    by_label.update((label, doid) for doid, label in label_of.items())
    by_label.update((label, doid) for doid, label in names.items())
    parents = {
        doid: sorted({by_label[label] for label in labels if label in by_label})
        for doid, labels in parent_labels.items()
    }
    for found in list(parents.values()):
        for doid in found:
            if doid not in names:  # the root, "disease"
                names[doid] = label_of.get(doid) or obo[doid].name

    current: defaultdict[str, set[str]] = defaultdict(set)
    for doid, _, xref in xref_rows:
        curie = _curie(xref)
        if curie and doid in names:
            current[doid].add(curie)
    old: defaultdict[str, set[str]] = defaultdict(set)
    strong: dict[str, list[str]] = {}
    weak: dict[str, list[str]] = {}
    broad: dict[str, list[str]] = {}
    for doid, name in names.items():
        term = obo.get(doid)
        strong[doid] = [name]
        if term is not None and not term.obsolete:
            exact, weak[doid], broad[doid] = _split_synonyms(term)
            strong[doid] += [term.name, *exact]
            old[doid].update(c for c in map(_curie, term.xrefs) if c)
    ancestors = ancestry(parents)
    kept = _keep_unclaimed(strong, weak, ancestors, broad)

    synonyms = {doid: [*strong[doid][1:], *kept.get(doid, [])] for doid in names}
    owner = _choose_owners(names, synonyms, current, old, ancestors, mesh_names or {})
    concepts: dict[str, Concept] = {}
    for doid, name in names.items():
        xrefs = sorted(
            current[doid] | old[doid], key=lambda x: (owner.get(x) != doid, *_xref_order(x))
        )
        concepts[doid] = make_concept(
            doid,
            "Disease",
            name,
            synonyms[doid],
            xrefs=xrefs,
            parents=parents.get(doid, ()),
            source=DO_SOURCE,
        )
    return DiseaseOntology(concepts, owner)


def _choose_owners(
    names: Mapping[str, str],
    synonyms: Mapping[str, list[str]],
    current: Mapping[str, set[str]],
    old: Mapping[str, set[str]],
    ancestors: Callable[[str], frozenset[str]],
    mesh_names: Mapping[str, str],
) -> dict[str, str]:
    """For every MeSH/OMIM id some DOIDs carry, the one DOID a corpus id grounds to.

    Preference: a DOID named like the MeSH heading, then one that has the xref in the current
    release (not only in 2016), then one that is an ancestor of the other claimants (the
    general "Hodgkin's lymphoma" rather than one of its subtypes), then the lowest number.
    """
    claims: defaultdict[str, set[str]] = defaultdict(set)
    for table in (current, old):
        for doid, xrefs in table.items():
            for xref in xrefs:
                claims[xref].add(doid)
    keys: dict[str, set[str]] = {}

    def named_like(doid: str, xref: str) -> bool:
        heading = mesh_names.get(xref.partition(":")[2])
        if heading is None:
            return False
        if doid not in keys:
            keys[doid] = {normalize_key(text) for text in (names[doid], *synonyms[doid])}
        forms = (heading, natural_order(heading) or heading)
        return any(normalize_key(form) in keys[doid] for form in forms)

    owner: dict[str, str] = {}
    for xref, doids in claims.items():
        if len(doids) == 1:
            owner[xref] = next(iter(doids))
            continue
        broadest = _broadest(doids, ancestors)
        owner[xref] = min(
            doids,
            key=lambda doid: (
                not named_like(doid, xref),
                xref not in current.get(doid, set()),
                doid != broadest,
                int(doid.partition(":")[2]),
            ),
        )
    return owner


# --------------------------------------------------------------------------------------------
# MeSH


@dataclass(frozen=True, slots=True)
class MeshTables:
    """MeSH 2015 descriptor headings and tree numbers, as read."""

    names: dict[str, str]  # "D001172" -> "Arthritis, Rheumatoid"
    trees: dict[str, tuple[str, ...]]  # "D001172" -> ("C05.550.114.154", ...)
    by_tree: dict[str, str]  # "C05.550.114.154" -> "D001172"


@dataclass(frozen=True, slots=True)
class MeshLexicon:
    """MeSH descriptors by role, and the MeSH names that become synonyms of DOID concepts."""

    diseases: dict[str, Concept]
    chemicals: dict[str, Concept]
    molecules: dict[str, Concept]
    doid_synonyms: dict[str, tuple[str, ...]]
    merged: dict[str, str]  # "MESH:D001172" -> "DOID:7148": disease headings a DOID stands for


def read_mesh(source: Path) -> MeshTables:
    """The two MeSH 2015 tables under ``source``."""
    names = {
        row[0]: row[1]
        for row in _table(
            source / MESH_DESCRIPTORS, "the MeSH descriptor table", ("mesh_id", "mesh_name")
        )
    }
    trees: defaultdict[str, list[str]] = defaultdict(list)
    by_tree: dict[str, str] = {}
    for mesh_id, _, tree in _table(
        source / MESH_TREES,
        "the MeSH tree-number table",
        ("mesh_id", "mesh_name", "mesh_tree_number"),
    ):
        trees[mesh_id].append(tree)
        by_tree[tree] = mesh_id
    return MeshTables(names, {key: tuple(value) for key, value in trees.items()}, by_tree)


def _under(tree: str, branches: Iterable[str]) -> bool:
    return any(tree == branch or tree.startswith(branch + ".") for branch in branches)


def mesh_label(trees: Iterable[str]) -> ConceptLabel | None:
    """Disease (C tree, F03 mental disorders), Molecule or Chemical (D tree), else None."""
    trees = list(trees)
    if any(tree.startswith("C") or _under(tree, ("F03",)) for tree in trees):
        return "Disease"
    chemical = [tree for tree in trees if tree.startswith("D")]
    if not chemical:
        return None
    if any(
        _under(tree, MOLECULE_BRANCHES) and not _under(tree, CHEMICAL_PEPTIDE_BRANCHES)
        for tree in chemical
    ):
        return "Molecule"
    return "Chemical"


def load_mesh(tables: MeshTables, owner: Mapping[str, str]) -> MeshLexicon:
    """Diseases (C tree, F03), chemicals and signalling molecules (D tree) of MeSH 2015.

    A disease descriptor that a DOID owns (see :func:`load_disease_ontology`) is not a concept
    of its own: its heading and the heading's natural order become synonyms of that DOID, and
    MeSH parents that are such descriptors are replaced by the DOID, so the hierarchy stays
    connected.  DOIDs keep their DO parents only.
    """

    def lexicon_id(mesh_id: str) -> str:
        curie = f"MESH:{mesh_id}"
        if mesh_label(tables.trees.get(mesh_id, ())) == "Disease":
            return owner.get(curie, curie)
        return curie

    result = MeshLexicon({}, {}, {}, {}, {})
    by_label = {
        "Disease": result.diseases,
        "Chemical": result.chemicals,
        "Molecule": result.molecules,
    }
    synonyms: defaultdict[str, list[str]] = defaultdict(list)
    for mesh_id, name in sorted(tables.names.items()):
        trees = tables.trees.get(mesh_id, ())
        label = mesh_label(trees)
        if label is None:
            continue
        natural = natural_order(name)
        forms = [name] if natural is None else [name, natural]
        concept_id = lexicon_id(mesh_id)
        if concept_id.startswith("DOID:"):
            synonyms[concept_id].extend(forms)
            result.merged[f"MESH:{mesh_id}"] = concept_id
            continue
        # Parents from the branch that gave the label only: a drug's G-tree or a disease's
        # F01 (behaviour) position would point at descriptors that are not concepts here.
        parent_trees = {
            tree.rpartition(".")[0]
            for tree in trees
            if "." in tree
            and mesh_label([tree]) is not None
            and (label == "Disease") == (tree[0] != "D")
        }
        parents = sorted(
            {lexicon_id(tables.by_tree[tree]) for tree in parent_trees if tree in tables.by_tree}
        )
        by_label[label][concept_id] = make_concept(
            concept_id, label, name, forms[1:], parents=parents, source=MESH_SOURCE
        )
    result.doid_synonyms.update((doid, tuple(forms)) for doid, forms in synonyms.items())
    return result


# --------------------------------------------------------------------------------------------
# Cell Ontology


def load_cell_ontology(source: Path) -> dict[str, Concept]:
    """Current CL cell types with their EXACT/NARROW (and unclaimed RELATED) synonyms."""
    terms = [
        term
        for term in parse_obo(read_lines(source / CL_OBO, "the Cell Ontology (cl-basic.obo)"))
        if term.id.startswith("CL:") and not term.obsolete and term.name
    ]
    known = {term.id for term in terms}
    parents = {term.id: sorted({p for p in term.is_a if p in known}) for term in terms}
    strong: dict[str, list[str]] = {}
    weak: dict[str, list[str]] = {}
    broad: dict[str, list[str]] = {}
    for term in terms:
        exact, weak[term.id], broad[term.id] = _split_synonyms(term)
        strong[term.id] = [term.name, *exact]
    kept = _keep_unclaimed(strong, weak, ancestry(parents), broad)
    return {
        term.id: make_concept(
            term.id,
            "CellType",
            term.name,
            [*strong[term.id][1:], *kept[term.id]],
            xrefs=sorted(c for c in map(_curie, term.xrefs) if c and c.startswith("MESH:")),
            parents=parents[term.id],
            source=CL_SOURCE,
        )
        for term in terms
    }


# --------------------------------------------------------------------------------------------
# Gene Ontology


def load_gene_ontology(source: Path) -> dict[str, Concept]:
    """Current GO biological processes as Mechanism concepts, with is-a parents.

    Part-of and regulates edges are not parents (a regulation of angiogenesis is not an
    angiogenesis) but do decide who keeps a synonym two processes share.
    """
    obsolete = {
        row[0]
        for row in _table(
            source / GO_OBSOLETE,
            "the GO obsolete-term table",
            ("go_id", "name", "namespace", "definition"),
        )
    }
    names = {
        go_id: name
        for go_id, name, namespace, _ in _table(
            source / GO_TERMS, "the GO term table", ("go_id", "name", "namespace", "definition")
        )
        if namespace == "biological_process" and go_id not in obsolete
    }
    synonyms: defaultdict[str, list[str]] = defaultdict(list)
    for go_id, text, secondary in _table(
        source / GO_SYNONYMS,
        "the GO synonym table",
        ("go_id", "synonym_or_secondary_id", "is_secondary_go_id"),
    ):
        if secondary == "0" and go_id in names:
            synonyms[go_id].append(text)
    parents: defaultdict[str, set[str]] = defaultdict(set)
    linked: defaultdict[str, set[str]] = defaultdict(set)
    for child, parent, kind in _table(
        source / GO_PARENTS,
        "the GO parent table",
        ("child_go_id", "parent_go_id", "relationship_type"),
    ):
        if child in names and parent in names:
            linked[child].add(parent)
            if kind == "isa":
                parents[child].add(parent)
    strong = {go_id: [name] for go_id, name in names.items()}
    kept = _keep_unclaimed(strong, synonyms, ancestry(linked))
    return {
        go_id: make_concept(
            go_id,
            "Mechanism",
            name,
            kept.get(go_id, []),
            parents=sorted(parents[go_id]),
            source=GO_SOURCE,
        )
        for go_id, name in names.items()
    }
