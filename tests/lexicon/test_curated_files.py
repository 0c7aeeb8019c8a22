"""Checks on the hand-written vocabulary in ``ontology/curated/*.toml``.

The curated files are data that people edit by hand, and the lexicon builder trusts them: a
misspelt CURIE, a parent that does not exist or a Molecule listed as a Mechanism's target only
under a Chemical label would silently produce a wrong graph.  These tests catch such slips at
review time.  Ontology ids are checked against the local ontology files when the shared data
directory is present; without it only the references between curated files are checked.
"""

from __future__ import annotations

import gzip
import re
import tomllib
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from support import DATA, ROOT

CURATED = ROOT / "ontology" / "curated"
FILES = {
    "therapies.toml": "Therapy",
    "chemicals.toml": "Chemical",
    "mechanisms.toml": "Mechanism",
    "molecules.toml": "Molecule",
    "cell_types.toml": "CellType",
    "diseases.toml": "Disease",
}
REQUIRED = ("id", "label", "name", "source")
LIST_KEYS = (
    "synonyms",
    "xrefs",
    "parents",
    "derived_from",
    "targets",
    "cell_types",
    "unambiguous",
)
ALLOWED = {*REQUIRED, *LIST_KEYS, "direction", "role"}
ONLY_FOR = {
    "derived_from": "Therapy",
    "direction": "Mechanism",
    "role": "Chemical",
    "targets": "Mechanism",
    "cell_types": "Mechanism",
}
ID_PATTERN = re.compile(
    r"(MESH:[CD]\d{6,9}|DOID:\d+|CL:\d{7}|GO:\d{7}|NCBIGene:\d+|KG:[a-z0-9]+(-[a-z0-9]+)*)"
)
CONCEPT_ID_PREFIXES = ("MESH:", "DOID:", "CL:", "GO:", "KG:")
GREEK = {
    "α": "alpha",
    "β": "beta",
    "γ": "gamma",
    "δ": "delta",
    "κ": "kappa",
}
CELL_WORDS = re.compile(r"\b(cells?|mscs?|car|evs?|exosomes?|secretome|vesicles?)\b")


@dataclass(frozen=True)
class Entry:
    """One ``[[concept]]`` table and the file it came from."""

    file: str
    table: dict[str, Any]

    @property
    def id(self) -> str:
        return str(self.table["id"])

    @property
    def label(self) -> str:
        return str(self.table["label"])

    def names(self) -> list[str]:
        return [str(self.table["name"]), *self.strings("synonyms")]

    def strings(self, key: str) -> list[str]:
        return [str(value) for value in self.table.get(key, [])]


def _load() -> list[Entry]:
    entries: list[Entry] = []
    for file in FILES:
        with (CURATED / file).open("rb") as handle:
            document = tomllib.load(handle)
        entries.extend(Entry(file, table) for table in document.get("concept", []))
    return entries


ENTRIES = _load()
BY_ID = {entry.id: entry for entry in ENTRIES}


def _fold(text: str) -> str:
    """Case, accents, hyphens and spaces removed: the forms a recogniser treats as equal."""
    text = "".join(GREEK.get(char, char) for char in text)
    decomposed = unicodedata.normalize("NFKD", text).lower()
    return "".join(char for char in decomposed if char.isalnum())


def _words(text: str) -> str:
    """Lower-cased ASCII words separated by single spaces (punctuation becomes a space)."""
    text = "".join(GREEK.get(char, char) for char in text)
    ascii_text = unicodedata.normalize("NFKD", text.lower()).encode("ascii", "ignore").decode()
    return " ".join(re.sub(r"[^0-9a-z]+", " ", ascii_text).split())


def _singular(folded: str) -> str:
    """A crude singular, enough to see that "Tregs" and "Treg" are one name."""
    if len(folded) > 3 and folded.endswith("ies"):
        return folded[:-3] + "y"
    if len(folded) > 3 and folded.endswith("s") and not folded.endswith("ss"):
        return folded[:-1]
    return folded


# --- shared data (optional) --------------------------------------------------------------------


def _shared_data() -> Path | None:
    for candidate in (DATA, ROOT.parent / "shared" / "data"):
        if (candidate / "ontologies" / "mesh" / "mesh2015_descriptors.tsv").is_file():
            return candidate
    return None


SHARED = _shared_data()
needs_shared = pytest.mark.skipif(SHARED is None, reason="shared ontology data not present")


def _tsv_column(path: Path, column: int) -> Iterator[str]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as lines:
        next(lines)
        for line in lines:
            cells = line.rstrip("\n").split("\t")
            if len(cells) > column:
                yield cells[column].strip('"')


@cache
def _ontology_ids() -> frozenset[str]:
    """Every concept id the local ontology files define (obsolete CL terms excluded)."""
    assert SHARED is not None
    onto = SHARED / "ontologies"
    ids = {f"MESH:{mesh}" for mesh in _tsv_column(onto / "mesh" / "mesh2015_descriptors.tsv", 0)}
    ids |= set(_tsv_column(onto / "doid" / "DOreports_HumanDO_2026-07-31.tsv", 0))
    ids |= set(_tsv_column(onto / "go" / "go_terms.tsv.gz", 0))
    text = (onto / "cl" / "cl-basic_2022-11-25.obo").read_text(encoding="utf-8")
    for stanza in text.split("\n\n"):
        match = re.search(r"^id: (CL:\d{7})$", stanza, re.MULTILINE)
        if match and "is_obsolete: true" not in stanza:
            ids.add(match.group(1))
    return frozenset(ids)


@cache
def _corpus_ids() -> frozenset[str]:
    """MeSH supplementary (C...) ids and NCBI Gene ids used in the training corpora."""
    assert SHARED is not None
    corpora = SHARED / "corpora"
    ids: set[str] = set()
    for path, prefix in (
        (corpora / "biored" / "Train.PubTator", "NCBIGene:"),
        (corpora / "bc5cdr" / "CDR_TrainingSet.PubTator.txt", "MESH:"),
        (corpora / "biored" / "Train.PubTator", "MESH:"),
    ):
        for line in path.read_text(encoding="utf-8").splitlines():
            cells = line.split("\t")
            if len(cells) < 6 or not cells[1].isdigit():
                continue
            gene = cells[4] == "GeneOrGeneProduct"
            if gene != (prefix == "NCBIGene:"):
                continue
            ids.update(prefix + value for value in re.split(r"[,;|]", cells[5]) if value)
    return frozenset(ids)


@cache
def _mesh_trees() -> dict[str, tuple[str, ...]]:
    """MeSH 2015 tree numbers by ``MESH:D...`` id."""
    assert SHARED is not None
    trees: dict[str, list[str]] = defaultdict(list)
    path = SHARED / "ontologies" / "mesh" / "mesh2015_tree_numbers.tsv"
    with path.open(encoding="utf-8") as lines:
        next(lines)
        for line in lines:
            mesh_id, _, tree = line.rstrip("\n").split("\t")
            trees[f"MESH:{mesh_id}"].append(tree)
    return {curie: tuple(numbers) for curie, numbers in trees.items()}


@cache
def _mesh_owned_by_doid() -> dict[str, frozenset[str]]:
    """MeSH ids that Disease Ontology terms list as xrefs, with those DOIDs."""
    assert SHARED is not None
    owners: dict[str, set[str]] = defaultdict(set)
    path = SHARED / "ontologies" / "doid" / "DOreports_allXREFinDO_2026-07-31.tsv"
    with path.open(encoding="utf-8") as lines:
        next(lines)
        for line in lines:
            doid, _, xref = (cell.strip('"') for cell in line.rstrip("\n").split("\t"))
            if xref.startswith("MESH:"):
                owners[xref].add(doid)
    return {curie: frozenset(doids) for curie, doids in owners.items()}


def _exists(curie: str) -> bool:
    if curie.startswith("NCBIGene:") or re.fullmatch(r"MESH:C\d+", curie):
        return curie in _corpus_ids()
    return curie in _ontology_ids()


# --- structure ----------------------------------------------------------------------------------


def test_every_kind_has_a_file_with_concepts() -> None:
    counts = Counter(entry.file for entry in ENTRIES)
    for file in FILES:
        assert counts[file] >= 20, f"{file}: only {counts[file]} concepts"


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda entry: entry.id)
def test_entry_has_the_required_keys_and_types(entry: Entry) -> None:
    table = entry.table
    unknown = set(table) - ALLOWED
    assert not unknown, f"{entry.id}: unknown keys {sorted(unknown)}"
    for key in REQUIRED:
        assert isinstance(table.get(key), str), f"{entry.id}: {key} must be a string"
        assert table[key].strip() == table[key] and table[key], f"{entry.id}: {key} is blank"
    for key in LIST_KEYS:
        values = table.get(key, [])
        assert isinstance(values, list), f"{entry.id}: {key} must be a list"
        assert all(isinstance(value, str) and value.strip() for value in values), entry.id
        assert len(values) == len(set(values)), f"{entry.id}: repeated value in {key}"
    assert ID_PATTERN.fullmatch(entry.id), f"{entry.id}: not a CURIE this project uses"
    assert entry.id.startswith(CONCEPT_ID_PREFIXES), entry.id
    assert entry.label == FILES[entry.file], f"{entry.id}: label {entry.label} in {entry.file}"
    for key, label in ONLY_FOR.items():
        if key in table:
            assert entry.label == label, f"{entry.id}: {key} is only for {label} concepts"
    if "direction" in table:
        assert table["direction"] in ("increase", "decrease"), entry.id
    if "role" in table:
        assert table["role"] in ("comparator", "inducer"), entry.id
    for curie in entry.strings("xrefs"):
        assert ID_PATTERN.fullmatch(curie) and not curie.startswith("KG:"), f"{entry.id}: {curie}"
        assert curie != entry.id, f"{entry.id}: refers to itself in xrefs"
    mesh = [i for i, curie in enumerate(entry.strings("xrefs")) if curie.startswith("MESH:")]
    assert mesh == list(range(len(mesh))), f"{entry.id}: MeSH xrefs come first"


def test_ids_are_unique_across_files() -> None:
    counts = Counter(entry.id for entry in ENTRIES)
    assert [curie for curie, count in counts.items() if count > 1] == []


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda entry: entry.id)
def test_names_are_not_repeated_in_variant_forms(entry: Entry) -> None:
    folded = [_fold(name) for name in entry.names()]
    repeated = [name for name, count in Counter(folded).items() if count > 1]
    assert repeated == [], f"{entry.id}: names equal up to case/hyphens/greek: {repeated}"
    singular = [_singular(name) for name in folded]
    doubled = [name for name, count in Counter(singular).items() if count > 1]
    assert doubled == [], f"{entry.id}: singular and plural both listed: {doubled}"


def test_a_surface_form_names_one_concept_only() -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for entry in ENTRIES:
        for name in entry.names():
            owners[_singular(_fold(name))].add(entry.id)
    clashes = {form: sorted(ids) for form, ids in owners.items() if len(ids) > 1}
    assert clashes == {}


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda entry: entry.id)
def test_unambiguous_short_forms_are_names_of_the_concept(entry: Entry) -> None:
    names = set(entry.names())
    for short in entry.strings("unambiguous"):
        assert short in names, f"{entry.id}: unambiguous {short!r} is not one of its names"


# --- references ---------------------------------------------------------------------------------


def _references(entry: Entry) -> Iterator[tuple[str, str]]:
    for key in ("parents", "derived_from", "targets", "cell_types"):
        for curie in entry.strings(key):
            yield key, curie


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda entry: entry.id)
def test_references_point_to_the_right_kind(entry: Entry) -> None:
    for key, curie in _references(entry):
        assert ID_PATTERN.fullmatch(curie) and curie.startswith(CONCEPT_ID_PREFIXES), curie
        assert curie != entry.id, f"{entry.id}: refers to itself in {key}"
        target = BY_ID.get(curie)
        if curie.startswith("KG:"):
            assert target is not None, f"{entry.id}: {key} {curie} is not a curated concept"
        if key == "parents" and target is not None:
            assert target.label == entry.label, f"{entry.id}: parent {curie} is a {target.label}"
        if key in ("derived_from", "cell_types"):
            assert curie.startswith("CL:") or (target is not None and target.label == "CellType")
        if key == "targets":
            assert target is not None and target.label == "Molecule", (
                f"{entry.id}: target {curie} must be a curated Molecule"
            )


def test_parent_links_have_no_cycles() -> None:
    def ancestors(curie: str, seen: tuple[str, ...]) -> None:
        assert curie not in seen, f"cycle: {' -> '.join((*seen, curie))}"
        entry = BY_ID.get(curie)
        for parent in entry.strings("parents") if entry else []:
            ancestors(parent, (*seen, curie))

    for entry in ENTRIES:
        ancestors(entry.id, ())


def test_cell_based_therapies_say_what_they_are_made_of() -> None:
    umbrellas = {parent for entry in ENTRIES for parent in entry.strings("parents")}
    missing = [
        entry.id
        for entry in ENTRIES
        if entry.label == "Therapy"
        and entry.id not in umbrellas
        and any(CELL_WORDS.search(_words(name)) for name in entry.names())
        and not entry.strings("derived_from")
    ]
    assert missing == []


@needs_shared
@pytest.mark.parametrize("entry", ENTRIES, ids=lambda entry: entry.id)
def test_ontology_ids_exist_in_the_local_ontologies(entry: Entry) -> None:
    curies = [entry.id] if not entry.id.startswith("KG:") else []
    curies += entry.strings("xrefs")
    curies += [curie for _, curie in _references(entry) if not curie.startswith("KG:")]
    unknown = [curie for curie in curies if not _exists(curie)]
    assert unknown == [], f"{entry.id}: not in the local ontology or corpus files"


@needs_shared
@pytest.mark.parametrize("entry", ENTRIES, ids=lambda entry: entry.id)
def test_mesh_ids_are_ones_the_lexicon_has(entry: Entry) -> None:
    """The lexicon keeps MeSH diseases (C tree, F03) and chemicals/molecules (D tree) only, and
    grounds a MeSH disease heading that a DOID cross-references to that DOID: a curated id or a
    reference must then use the DOID, and a reference to another MeSH branch must be curated."""
    owners = _mesh_owned_by_doid()
    assert entry.id not in owners, f"{entry.id} is an xref of {sorted(owners[entry.id])}: use it"
    for key, curie in _references(entry):
        if not curie.startswith("MESH:") or curie in BY_ID:
            continue
        assert curie not in owners, f"{entry.id}: {key} {curie}: use {sorted(owners[curie])}"
        trees = _mesh_trees().get(curie, ())
        kept = any(tree[0] in "CD" or tree.startswith("F03") for tree in trees)
        assert kept, f"{entry.id}: {key} {curie} is outside the MeSH C/D trees and not curated"
    for curie in entry.strings("xrefs"):
        if entry.id in owners.get(curie, frozenset()):
            continue  # Disease Ontology itself gives this DOID the xref (sometimes shared)
        others = owners.get(curie, frozenset())
        assert not others, f"{entry.id}: xref {curie} is the MeSH xref of {sorted(others)}"


# --- coverage of the seed documents ------------------------------------------------------------

# Names as the two seed documents spell them (../shared/seeds/000_43d217d51f7c109e.txt, a citation
# listing of five records, and 002_b9204fd5ad0bb1e4.txt, a PubMed page); each must name a
# curated concept of the expected label, and of no other label.
SEED_TERMS = {
    "Therapy": [
        "mesenchymal stem cell",
        "MSCs",
        "mesenchymal stromal cells",
        "chimeric antigen receptor T cell",
        "CAR-T cells",
        "CAR-T cell therapy",
        "cell therapy",
        "bone marrow-derived mesenchymal stem cells",
        "BM-MSCs",
        "allogeneic BM-MSCs",
        "mesenchymal stem/stromal cell small extracellular vesicles",
        "MSC-sEVs",
        "MSC therapy",
        "cell-free therapies derived from MSCs",
    ],
    "Chemical": [
        "prednisolone",
        "normal saline",
        "placebo",
        "DMARDs",
        "disease-modifying antirheumatic drugs",
        "immunosuppressive drugs",
    ],
    "Disease": [
        "scleroderma",
        "knee osteoarthritis",
        "knee OA",
        "osteoarthritis",
        "rheumatoid arthritis",
        "collagen-induced arthritis",
        "systemic lupus erythematosus",
        "SLE",
        "diabetes",
        "obesity",
        "autoimmune diseases",
        "skin fibrosis",
    ],
    "Mechanism": [
        "immunomodulation",
        "anti-fibrosis",
        "vascular regeneration",
        "paracrine signaling",
        "paracrine effects",
        "anti-apoptotic effect",
        "angiogenesis",
        "M2 polarization",
        "inhibiting CCL2 production",
        "anti-inflammatory",
        "differentiation capacity",
        "promotion of vascular regeneration",
        "reducing the recruitment of pathological macrophages",
        "eliminate autoreactive immune cells",
        "suppress the maturation of antigen-presenting cells",
        "MSC-mediated inhibition of immune responses",
        "paracrine mechanisms",
    ],
    "Molecule": [
        "CCL2",
        "IL-6",
        "C5b-9",
        "anti-CII antibodies",
        "TGF-β",
        "IL10",
        "IL17",
        "INF-ϒ",
        "TNF-α",
        "IL12",
        "IL-17",
        "regulatory cytokines",
        "inflammatory cytokines",
    ],
    "CellType": [
        "macrophages",
        "M1 macrophages",
        "M2 macrophages",
        "T cells",
        "Th1",
        "T17",
        "Th2",
        "B cells",
        "NK cells",
        "CTL",
        "antigen-presenting cells",
    ],
}


@pytest.mark.parametrize(
    ("label", "term"), [(label, term) for label, terms in SEED_TERMS.items() for term in terms]
)
def test_seed_terms_are_covered(label: str, term: str) -> None:
    wanted = _singular(_fold(term))
    found = {
        entry.label
        for entry in ENTRIES
        if any(_singular(_fold(name)) == wanted for name in entry.names())
    }
    assert found == {label}, f"{term!r}: found as {sorted(found) or 'nothing'}, want {label}"
