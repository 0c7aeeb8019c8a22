"""Ontology loaders on real excerpts of DO, MeSH, CL and GO (tests/data/lexicon/ontologies)."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from kg.errors import CorruptInput, InputError, NotParsable
from kg.lexicon.ontologies import (
    DO_TERMS,
    GO_OBSOLETE,
    load_cell_ontology,
    load_disease_ontology,
    load_gene_ontology,
    load_mesh,
    mesh_label,
    natural_order,
    parse_obo,
    read_mesh,
    usable_name,
)
from kg.nlp.normalize import normalize_key


def keys(names: tuple[str, ...]) -> set[str]:
    return {normalize_key(name) for name in names}


@pytest.mark.parametrize(
    ("text", "usable"),
    [
        ("", False),
        ("  ", False),
        ("A", False),
        ("α", False),
        ("1990", False),
        ("1, 2", False),
        ("RA", True),
        ("IL-6", True),
        ("Type 2", True),
        (" ".join(["word"] * 12), True),
        (" ".join(["word"] * 13), False),
    ],
)
def test_usable_name_skips_empty_single_characters_numbers_and_long_names(
    text: str, usable: bool
) -> None:
    assert usable_name(text) is usable


def test_natural_order_reverses_the_parts_of_an_inverted_mesh_heading() -> None:
    assert natural_order("Arthritis, Rheumatoid") == "Rheumatoid Arthritis"
    assert natural_order("Hormones, Hormone Substitutes, and Hormone Antagonists") is None
    assert natural_order("Lupus Erythematosus, Systemic") == "Systemic Lupus Erythematosus"
    assert natural_order("Leukemia, Myeloid, Acute") == "Acute Myeloid Leukemia"
    assert natural_order("1,2-Dihydroxybenzene") is None
    assert natural_order("Methotrexate") is None


def test_parse_obo_reads_term_stanzas_only(lexicon_source: Path) -> None:
    text = (lexicon_source / "cl/cl-basic_2022-11-25.obo").read_text(encoding="utf-8")
    terms = {term.id: term for term in parse_obo(text.splitlines())}
    assert "CL:0000134" in terms and "part_of" not in terms  # the [Typedef] is skipped
    msc = terms["CL:0000134"]
    assert msc.name == "mesenchymal stem cell"
    assert ("MSC", "RELATED") in msc.synonyms and ("BMSC", "NARROW") in msc.synonyms
    assert msc.is_a == ("CL:0000048", "CL:0002320")  # qualifiers and comments dropped
    assert terms["CL:0000366"].obsolete and not msc.obsolete


def test_disease_ontology_resolves_parent_labels_up_to_the_root(lexicon_source: Path) -> None:
    ontology = load_disease_ontology(lexicon_source)
    concepts = ontology.concepts
    chain, current = [], "DOID:9074"
    while concepts[current].parents:
        current = concepts[current].parents[0]
        chain.append(current)
    assert chain == ["DOID:8857", "DOID:417", "DOID:2914", "DOID:7", "DOID:4"]
    assert concepts["DOID:4"].name == "disease"  # the root has no row of its own
    assert all(concept.label == "Disease" for concept in concepts.values())


def test_disease_ontology_xrefs_keep_mesh_first_and_omim_but_not_other_vocabularies(
    lexicon_source: Path,
) -> None:
    sle = load_disease_ontology(lexicon_source).concepts["DOID:9074"]
    assert sle.xrefs[0] == "MESH:D008180"
    assert "OMIM:152700" in sle.xrefs  # "MIM:152700" in the 2026 report
    assert not [xref for xref in sle.xrefs if xref.startswith(("NCI:", "MIM:", "GARD:"))]
    assert "disseminated lupus erythematosus" in sle.synonyms  # EXACT, from the 2016 OBO


def test_related_synonyms_survive_only_when_no_other_term_claims_them(lexicon_source: Path) -> None:
    concepts = load_disease_ontology(lexicon_source).concepts
    assert "Basedow's disease" in concepts["DOID:12361"].synonyms  # RELATED, unclaimed
    assert "CLL" in concepts["DOID:1040"].synonyms  # EXACT on chronic lymphocytic leukemia
    assert "CLL" not in concepts["DOID:1036"].synonyms  # RELATED on chronic leukemia
    assert "adult chronic leukemia" in concepts["DOID:1036"].synonyms


def test_a_mesh_id_several_doids_carry_belongs_to_the_one_named_like_it(
    lexicon_source: Path,
) -> None:
    mesh = read_mesh(lexicon_source)
    owner = load_disease_ontology(lexicon_source, mesh.names).owner
    # Hodgkin Disease is on Hodgkin's lymphoma and on one of its subtypes.
    assert owner["MESH:D006689"] == "DOID:8567"
    assert owner["OMIM:180300"] == "DOID:7148"


def test_mesh_diseases_a_doid_carries_become_its_synonyms_not_concepts(
    lexicon_source: Path,
) -> None:
    tables = read_mesh(lexicon_source)
    ontology = load_disease_ontology(lexicon_source, tables.names)
    mesh = load_mesh(tables, ontology.owner)
    assert "MESH:D001172" not in mesh.diseases
    assert mesh.merged["MESH:D001172"] == "DOID:7148"
    assert keys(mesh.doid_synonyms["DOID:7148"]) == {"arthritis rheumatoid", "rheumatoid arthritis"}
    experimental = mesh.diseases["MESH:D001169"]  # Arthritis, Experimental: no DOID carries it
    assert experimental.label == "Disease"
    assert "Experimental Arthritis" in experimental.synonyms
    assert experimental.parents == ("DOID:848",)  # MeSH parent Arthritis is DOID:848
    assert mesh.diseases["MESH:D001523"].name == "Mental Disorders"  # F03


def test_mesh_d_tree_splits_into_chemicals_and_signalling_molecules(lexicon_source: Path) -> None:
    tables = read_mesh(lexicon_source)
    mesh = load_mesh(tables, {})
    assert set(mesh.chemicals) == {"MESH:D001920", "MESH:D008727", "MESH:D011239"}
    assert set(mesh.molecules) == {"MESH:D016207", "MESH:D018932"}  # cytokines, CCL2
    assert mesh.molecules["MESH:D018932"].label == "Molecule"


@pytest.mark.parametrize(
    ("trees", "label"),
    [
        (["C05.550.114.154"], "Disease"),
        (["F03.600.300"], "Disease"),
        (["F01.145.126"], None),
        (["A11.872.580"], None),
        (["D03.438.733"], "Chemical"),
        (["D12.644.276.374.200"], "Molecule"),
        (["D12.776.543.750.705"], "Molecule"),
        (["D12.776.930.600"], "Molecule"),
        (["D08.811.277.087"], "Molecule"),
        (["D12.644.276.812.169", "D12.644.400.090"], "Chemical"),  # bradykinin, a kinin
        (["C23.550", "D27.505"], "Disease"),
    ],
)
def test_mesh_label_by_tree_numbers(trees: list[str], label: str | None) -> None:
    assert mesh_label(trees) == label


def test_cell_ontology_keeps_related_names_unless_another_cell_uses_them(
    lexicon_source: Path,
) -> None:
    cells = load_cell_ontology(lexicon_source)
    msc = cells["CL:0000134"]
    assert msc.label == "CellType"
    assert {"MSC", "mesenchymal stromal cell", "BMSC"} <= set(msc.synonyms)
    assert msc.parents == ("CL:0000048", "CL:0002320")
    # "beta cell" is BROAD on the pancreatic B cell and RELATED on a pituitary cell: on neither.
    assert "beta cell" not in cells["CL:0000169"].synonyms
    assert "beta cell" not in cells["CL:0000639"].synonyms
    assert "CL:0000366" not in cells  # obsolete


def test_gene_ontology_gives_biological_processes_with_is_a_parents(lexicon_source: Path) -> None:
    processes = load_gene_ontology(lexicon_source)
    angiogenesis = processes["GO:0001525"]
    assert angiogenesis.label == "Mechanism"
    assert angiogenesis.parents == ("GO:0048646",)  # not the part-of parent GO:0048514
    assert "GO:0003674" not in processes  # molecular_function
    assert "paracrine signalling" in processes["GO:0038001"].synonyms
    assert "macrophage polarization" in processes["GO:0042116"].synonyms
    assert not [name for name in processes["GO:0006915"].synonyms if name.startswith("GO:")]


def test_a_go_synonym_two_processes_share_goes_to_the_broader_one(lexicon_source: Path) -> None:
    processes = load_gene_ontology(lexicon_source)
    assert "apoptosis" in processes["GO:0006915"].synonyms
    assert "apoptosis" not in processes["GO:0097194"].synonyms  # part of apoptotic process


def test_obsolete_go_terms_are_skipped(lexicon_source: Path) -> None:
    path = lexicon_source / GO_OBSOLETE
    with gzip.open(path, "rt", encoding="utf-8") as stream:
        text = stream.read()
    row = "GO:0097194\tobsolete test\tbiological_process\tOBSOLETE.\n"
    with gzip.open(path, "wt", encoding="utf-8") as stream:
        stream.write(text + row)
    assert "GO:0097194" not in load_gene_ontology(lexicon_source)


def test_a_missing_source_file_names_the_file(lexicon_source: Path) -> None:
    (lexicon_source / DO_TERMS).unlink()
    with pytest.raises(InputError, match=r"DOreports_HumanDO_2026-07-31\.tsv: file not found"):
        load_disease_ontology(lexicon_source)


def test_a_table_with_other_columns_is_rejected_with_its_header(lexicon_source: Path) -> None:
    (lexicon_source / "mesh/mesh2015_descriptors.tsv").write_text(
        "id\tname\nD1\tx\n", encoding="utf-8"
    )
    with pytest.raises(NotParsable, match=r"mesh2015_descriptors.tsv:1: expected .*found id name"):
        read_mesh(lexicon_source)


def test_a_broken_gzip_file_is_corrupt_input(lexicon_source: Path) -> None:
    (lexicon_source / "go/go_terms.tsv.gz").write_bytes(b"\x1f\x8b\x08\x00broken")
    with pytest.raises(CorruptInput, match=r"go_terms\.tsv\.gz"):
        load_gene_ontology(lexicon_source)
