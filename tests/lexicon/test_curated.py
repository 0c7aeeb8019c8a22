"""The curated TOML loader: what it builds from good entries, and how it reports bad ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import ConfigError, NotParsable
from kg.lexicon.curated import augment, check_references, load_curated
from kg.lexicon.model import Concept, ConceptLabel

GOOD = """\
[[concept]]
id = "KG:bm-msc"
label = "Therapy"
name = "bone marrow-derived mesenchymal stem cells"
synonyms = ["BM-MSCs", "BMSCs", "bone marrow MSCs", "1", "BM-MSCs"]
xrefs = ["MESH:D059630"]
derived_from = ["CL:0000134"]
unambiguous = ["BM-MSCs"]
source = "CL:0000134 by tissue source"

[[concept]]
id = "KG:ccl2-inhibition"
label = "Mechanism"
name = "CCL2 inhibition"
direction = "decrease"
targets = ["MESH:D018932"]
cell_types = ["CL:0000134"]
source = "seed document 1"
"""

ONE = """\
[[concept]]
id = "KG:one"
label = "Chemical"
name = "saline placebo"
source = "seed document 2"
"""


def write(directory: Path, name: str, text: str) -> Path:
    directory.mkdir(exist_ok=True)
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


def test_entries_become_concepts_with_their_typed_fields_in_extra(tmp_path: Path) -> None:
    write(tmp_path, "therapies.toml", GOOD)
    entries = load_curated(tmp_path)
    msc, ccl2 = (entry.concept for entry in entries)
    assert msc.id == "KG:bm-msc" and msc.label == "Therapy"
    assert msc.synonyms == ("BM-MSCs", "BMSCs", "bone marrow MSCs")  # "1" dropped, no repeats
    assert msc.source == "curated: CL:0000134 by tissue source"
    assert msc.extra == {
        "curated": True,
        "derived_from": ["CL:0000134"],
        "unambiguous": ["BM-MSCs"],
    }
    assert ccl2.extra["direction"] == "decrease"
    assert ccl2.extra["targets"] == ["MESH:D018932"]
    assert entries[1].where() == "concept 2 (KG:ccl2-inhibition)"
    assert entries[0].references == (("derived_from", "CL:0000134"),)


def test_files_are_read_in_name_order(tmp_path: Path) -> None:
    write(tmp_path, "b.toml", GOOD)
    write(tmp_path, "a.toml", ONE)
    assert load_curated(tmp_path)[0].concept.id == "KG:one"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            ONE.replace('source = "seed document 2"\n', ""),
            r"concept 1 \(KG:one\): missing key 'source'",
        ),
        (ONE.replace('"Chemical"', '"Drug"'), r"concept 1 \(KG:one\): label 'Drug' is not one of"),
        (ONE.replace('source = "seed document 2"', 'source = ""'), "'source' must be a non-empty"),
        (ONE + 'note = "x"\n', r"unknown key\(s\) note"),
        (ONE.replace('"KG:one"', '"KG:One Two"'), "'id' must be a CURIE"),
        (ONE + 'synonyms = "saline"\n', "'synonyms' must be a list of non-empty strings"),
        (ONE + 'direction = "decrease"\n', "'direction' is for Mechanism concepts"),
        (ONE + 'derived_from = ["CL:0000134"]\n', "'derived_from' is only for Therapy concepts"),
        (ONE + 'unambiguous = ["NS"]\n', "unambiguous 'NS' is not the name or a synonym"),
        (ONE + 'xrefs = ["D059630"]\n', "xref 'D059630' is not a CURIE"),
        (ONE.replace('"saline placebo"', '"x"'), "name 'x' is too short"),
        (ONE.replace("[[concept]]", "[[concept]"), "not valid TOML"),
        ('title = "x"\n' + ONE, r"found the top-level key\(s\) title"),
    ],
)
def test_a_bad_entry_names_the_file_the_entry_and_what_was_expected(
    tmp_path: Path, text: str, message: str
) -> None:
    write(tmp_path, "chemicals.toml", text)
    with pytest.raises(NotParsable, match=message) as caught:
        load_curated(tmp_path)
    assert str(caught.value).startswith(f"{tmp_path / 'chemicals.toml'}: ")


def test_the_second_entry_is_named_by_position_when_it_has_no_id(tmp_path: Path) -> None:
    write(tmp_path, "chemicals.toml", ONE + '\n[[concept]]\nlabel = "Chemical"\n')
    with pytest.raises(NotParsable, match="concept 2: missing key 'id'"):
        load_curated(tmp_path)


def test_an_id_used_in_two_files_names_both(tmp_path: Path) -> None:
    write(tmp_path, "a.toml", ONE)
    write(tmp_path, "b.toml", ONE.replace("saline placebo", "normal saline"))
    with pytest.raises(
        NotParsable, match=r"b.toml: concept 1 \(KG:one\): id already used by .*a.toml"
    ):
        load_curated(tmp_path)


def test_a_missing_directory_is_a_configuration_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        load_curated(tmp_path / "nowhere")


LABELS: dict[str, ConceptLabel] = {
    "KG:bm-msc": "Therapy",
    "KG:ccl2-inhibition": "Mechanism",
    "CL:0000134": "CellType",
    "MESH:D018932": "Molecule",
    "MESH:D008727": "Chemical",
}


def test_references_to_known_concepts_with_the_right_labels_pass(tmp_path: Path) -> None:
    write(tmp_path, "t.toml", GOOD)
    check_references(load_curated(tmp_path), LABELS, {})


def test_an_unknown_referenced_id_is_reported_with_its_entry(tmp_path: Path) -> None:
    write(tmp_path, "t.toml", GOOD)
    labels = {key: value for key, value in LABELS.items() if key != "CL:0000134"}
    with pytest.raises(
        NotParsable, match=r"concept 1 \(KG:bm-msc\): derived_from names CL:0000134, which is"
    ):
        check_references(load_curated(tmp_path), labels, {})


def test_a_target_must_be_a_molecule(tmp_path: Path) -> None:
    write(tmp_path, "t.toml", GOOD.replace("MESH:D018932", "MESH:D008727"))
    with pytest.raises(NotParsable, match="targets must name Molecule concepts; MESH:D008727"):
        check_references(load_curated(tmp_path), LABELS, {})


def test_a_mesh_disease_merged_into_a_doid_is_not_a_curated_id(tmp_path: Path) -> None:
    write(tmp_path, "d.toml", ONE.replace("KG:one", "MESH:D001172").replace("Chemical", "Disease"))
    with pytest.raises(NotParsable, match="it is an xref of DOID:7148; use that id"):
        check_references(load_curated(tmp_path), LABELS, {"MESH:D001172": "DOID:7148"})


def test_augment_lays_the_curated_entry_over_the_ontology_concept() -> None:
    ontology = Concept(
        "MESH:D008727",
        "Chemical",
        "Methotrexate",
        ("Amethopterin",),
        ("CAS:59-05-2",),
        ("MESH:D000963",),
        "MeSH 2015",
    )
    curated = Concept(
        "MESH:D008727",
        "Chemical",
        "methotrexate",
        ("MTX", "amethopterin"),
        ("NCBIGene:0",),
        ("KG:dmard",),
        "curated: seed document 1",
        {"curated": True},
    )
    merged = augment(ontology, curated)
    assert merged.name == "methotrexate"
    assert merged.synonyms == ("MTX", "amethopterin")  # "Methotrexate" is the name's key
    assert merged.xrefs == ("NCBIGene:0", "CAS:59-05-2")
    assert merged.parents == ("KG:dmard", "MESH:D000963")
    assert merged.source == "curated: seed document 1; MeSH 2015"
    assert merged.extra == {"curated": True}
