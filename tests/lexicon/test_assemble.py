"""The whole builder: excerpts -> lexicon files, and (when present) the real shared ontologies."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from support import ROOT

from kg.errors import ConfigError, InputError, NotParsable
from kg.lexicon.assemble import (
    CONCEPT_FILES,
    CORPUS_TERMS,
    SURFACE_STATISTICS,
    BuildResult,
    build_lexicon,
)
from kg.lexicon.model import Concept, read_concepts
from kg.nlp.normalize import normalize_key

SHARED = ROOT.parent / "shared" / "data"


def concepts(out: Path) -> dict[str, tuple[str, Concept]]:
    """Every concept of a build by id, with the file it is in; fails on an id in two files."""
    found: dict[str, tuple[str, Concept]] = {}
    for name in CONCEPT_FILES:
        for concept in read_concepts(out / name):
            assert concept.id not in found, f"{concept.id} in {found[concept.id][0]} and {name}"
            found[concept.id] = (name, concept)
    return found


def rows(path: Path) -> list[dict[str, str]]:
    header, *lines = path.read_text(encoding="utf-8").splitlines()
    return [dict(zip(header.split("\t"), line.split("\t"), strict=True)) for line in lines]


def digests(out: Path) -> dict[str, str]:
    return {path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in out.iterdir()}


@pytest.fixture
def built(
    tmp_path: Path, lexicon_source: Path, lexicon_curated: Path, lexicon_corpora: Path
) -> BuildResult:
    return build_lexicon(
        lexicon_source, tmp_path / "out", curated=lexicon_curated, corpora=lexicon_corpora
    )


def test_every_file_is_written_and_counted_in_the_manifest(built: BuildResult) -> None:
    names = {output.name for output in built.files}
    assert names == {*CONCEPT_FILES, CORPUS_TERMS, SURFACE_STATISTICS, "README.md", "manifest.json"}
    manifest = json.loads((built.out / "manifest.json").read_text(encoding="utf-8"))
    for output in built.files:
        if output.name.endswith(".tsv"):
            lines = (built.out / output.name).read_text(encoding="utf-8").count("\n")
            assert manifest["outputs"][output.name]["rows"] == output.rows == lines - 1
    assert set(manifest["inputs_sha256"]) >= {
        "ontologies/doid/doid_2016-09-01.obo.gz",
        "curated/fixture.toml",
        "corpora/biored/Train.PubTator",
    }
    assert manifest["curated_augments"] == ["DOID:7148"]


def test_a_rebuild_is_byte_identical(
    built: BuildResult,
    tmp_path: Path,
    lexicon_source: Path,
    lexicon_curated: Path,
    lexicon_corpora: Path,
) -> None:
    again = build_lexicon(
        lexicon_source, tmp_path / "again", curated=lexicon_curated, corpora=lexicon_corpora
    )
    assert digests(again.out) == digests(built.out)


def test_each_id_is_in_one_file_and_a_curated_entry_moves_its_concept(built: BuildResult) -> None:
    found = concepts(built.out)
    where, ra = found["DOID:7148"]
    assert where == "curated.tsv"
    assert ra.extra == {"curated": True}
    assert {"ra", "arthritis rheumatoid", "atrophic arthritis"} <= {
        normalize_key(name) for name in ra.synonyms
    }
    assert ra.parents == ("DOID:848",) and ra.xrefs[0] == "MESH:D001172"
    assert ra.source.startswith("curated: DOID:7148") and "Disease Ontology" in ra.source
    assert "MESH:D001172" not in found  # a synonym of DOID:7148, not a concept
    assert found["KG:bm-msc"][1].extra["derived_from"] == ["CL:0000134"]
    assert found["GO:0001525"] == ("processes_go.tsv", found["GO:0001525"][1])


def test_corpus_ids_ground_to_lexicon_concepts_or_get_their_own(built: BuildResult) -> None:
    terms = {(row["surface"], row["concept"]): row for row in rows(built.out / CORPUS_TERMS)}
    assert terms["cancer", "DOID:162"]["corpora"] == "NCBI-disease"  # MeSH D009369 via DO
    assert terms["HNF-6", "KG:hnf6"]["annotated"] == "3"  # NCBIGene:3175 via the curated xref
    assert terms["insulin", "NCBIGene:3630"]["label"] == "Molecule"
    found = concepts(built.out)
    assert found["NCBIGene:3630"][0] == "corpus_concepts.tsv"
    assert "NCBIGene:3175" not in found and "MESH:D009369" not in found
    stats = {row["key"]: row for row in rows(built.out / SURFACE_STATISTICS)}
    assert stats["hnf 6"]["annotated_molecule"] == "3"
    assert stats["cell"]["occurrences"] == "2"  # a lexicon name (CL:0000000) never annotated


def test_readme_names_sources_licences_and_the_rebuild_command(built: BuildResult) -> None:
    readme = (built.out / "README.md").read_text(encoding="utf-8")
    for fact in ("CC0 1.0", "CC BY 3.0", "CC BY 4.0", "NLM", "kg lexicon build --source"):
        assert fact in readme
    assert "| `diseases_do.tsv` | 21 |" in readme


def test_without_corpora_the_corpus_files_are_empty(tmp_path: Path, lexicon_source: Path) -> None:
    result = build_lexicon(lexicon_source, tmp_path / "out")
    counts = {output.name: output.rows for output in result.files}
    assert counts[CORPUS_TERMS] == counts[SURFACE_STATISTICS] == counts["corpus_concepts.tsv"] == 0
    assert counts["curated.tsv"] == 0 and counts["diseases_do.tsv"] == 22  # with DOID:7148


def test_a_missing_source_directory_is_a_configuration_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"ontology source directory .* does not exist"):
        build_lexicon(tmp_path / "nowhere", tmp_path / "out")


def test_a_missing_ontology_file_is_an_input_error(tmp_path: Path, lexicon_source: Path) -> None:
    (lexicon_source / "cl/cl-basic_2022-11-25.obo").unlink()
    with pytest.raises(InputError, match=r"cl-basic_2022-11-25\.obo: file not found"):
        build_lexicon(lexicon_source, tmp_path / "out")


def test_a_curated_reference_to_an_unknown_id_stops_the_build(
    tmp_path: Path, lexicon_source: Path
) -> None:
    curated = tmp_path / "curated"
    curated.mkdir()
    (curated / "therapies.toml").write_text(
        '[[concept]]\nid = "KG:x"\nlabel = "Therapy"\nname = "x cells"\n'
        'derived_from = ["CL:9999999"]\nsource = "test"\n',
        encoding="utf-8",
    )
    with pytest.raises(NotParsable, match=r"therapies\.toml: concept 1 \(KG:x\): derived_from"):
        build_lexicon(lexicon_source, tmp_path / "out", curated=curated)


# --------------------------------------------------------------------------------------------
# The real ontologies and corpora, when this checkout sits next to shared/data.

needs_shared = pytest.mark.skipif(
    not (SHARED / "ontologies").is_dir(), reason="shared/data/ontologies is not present"
)


@pytest.fixture(scope="module")
def real(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[str, Concept]]:
    out = tmp_path_factory.mktemp("lexicon")
    build_lexicon(SHARED / "ontologies", out, corpora=SHARED / "corpora")
    return concepts(out)


def ancestors(found: dict[str, tuple[str, Concept]], concept_id: str) -> set[str]:
    seen: set[str] = set()
    stack = [concept_id]
    while stack:
        for parent in found[stack.pop()][1].parents:
            if parent not in seen:
                seen.add(parent)
                stack.append(parent)
    return seen


@needs_shared
@pytest.mark.slow
def test_real_lupus_has_its_mesh_id_and_is_an_autoimmune_disease(
    real: dict[str, tuple[str, Concept]],
) -> None:
    where, sle = real["DOID:9074"]
    assert where == "diseases_do.tsv" and sle.name == "systemic lupus erythematosus"
    assert sle.xrefs[0] == "MESH:D008180"
    assert "DOID:417" in ancestors(real, "DOID:9074")  # autoimmune disease


@needs_shared
@pytest.mark.slow
def test_real_rheumatoid_arthritis_is_one_concept_with_the_mesh_names(
    real: dict[str, tuple[str, Concept]],
) -> None:
    ra = real["DOID:7148"][1]
    assert {"rheumatoid arthritis", "arthritis rheumatoid"} <= {
        normalize_key(name) for name in ra.names()
    }
    assert "MESH:D001172" not in real
    assert not [
        concept_id
        for concept_id, (_, concept) in real.items()
        if concept_id != "DOID:7148"
        and "rheumatoid arthritis" in map(normalize_key, concept.names())
    ]


@needs_shared
@pytest.mark.slow
def test_real_files_hold_mesh_only_diseases_cells_processes_and_chemicals(
    real: dict[str, tuple[str, Concept]],
) -> None:
    mesh_diseases = [c for name, c in real.values() if name == "diseases_mesh.tsv"]
    assert len(mesh_diseases) > 1000 and all(c.id.startswith("MESH:D") for c in mesh_diseases)
    assert real["CL:0000134"][1].name == "mesenchymal stem cell"
    assert real["GO:0001525"][1].label == "Mechanism"
    assert real["MESH:D008727"][1].label == "Chemical"  # methotrexate
    assert real["MESH:D018932"][1].label == "Molecule"  # chemokine CCL2
    assert real["MESH:D001920"][1].label == "Chemical"  # bradykinin, as BC5CDR annotates it
    assert any(name == "corpus_concepts.tsv" for name, _ in real.values())
