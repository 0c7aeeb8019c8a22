"""A small lexicon compiled from real ontology ids, for recognition and relation tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.lexicon.model import Concept, write_concepts
from kg.nlp.lexicon import CompiledLexicon, compile_lexicon

SMALL_LEXICON = [
    Concept(
        "DOID:9074",
        "Disease",
        "systemic lupus erythematosus",
        ("SLE",),
        ("MESH:D008180",),
        ("DOID:8857",),
        "DO",
        {"unambiguous": ["SLE"]},
    ),
    Concept(
        "DOID:8857", "Disease", "lupus erythematosus", (), ("MESH:D008178",), ("DOID:417",), "DO"
    ),
    Concept("DOID:417", "Disease", "autoimmune disease", (), ("MESH:D001327",), (), "DO"),
    Concept(
        "DOID:7148",
        "Disease",
        "rheumatoid arthritis",
        ("RA",),
        ("MESH:D001172",),
        ("DOID:417",),
        "DO",
    ),
    Concept("DOID:2377", "Disease", "multiple sclerosis", ("MS",), ("MESH:D009103",), (), "DO"),
    Concept(
        "DOID:418",
        "Disease",
        "systemic scleroderma",
        ("systemic sclerosis", "scleroderma"),
        ("MESH:D012595",),
        ("DOID:417",),
        "DO",
    ),
    Concept(
        "KG:cia",
        "Disease",
        "collagen-induced arthritis",
        ("CIA",),
        (),
        ("DOID:7148",),
        "curated",
        {"curated": True},
    ),
    Concept(
        "KG:msc",
        "Therapy",
        "mesenchymal stem cells",
        ("MSCs", "mesenchymal stromal cells"),
        ("MESH:D045164",),
        (),
        "curated",
        {"curated": True, "derived_from": ["CL:0000134"], "unambiguous": ["MSC"]},
    ),
    Concept(
        "KG:msc-sev",
        "Therapy",
        "MSC small extracellular vesicles",
        ("MSC-sEVs", "mesenchymal stem/stromal cell small extracellular vesicles"),
        (),
        ("KG:msc",),
        "curated",
        {"curated": True},
    ),
    Concept("MESH:D011239", "Chemical", "Prednisolone", (), (), (), "MeSH"),
    Concept("MESH:D002791", "Chemical", "bleomycin", (), (), (), "MeSH"),
    Concept(
        "KG:ccl2-inhibition",
        "Mechanism",
        "CCL2 inhibition",
        (),
        (),
        (),
        "curated",
        {"curated": True, "direction": "decrease", "targets": ["MESH:D018932"]},
    ),
    Concept(
        "KG:m2-polarization",
        "Mechanism",
        "M2 polarization",
        ("M2 macrophage polarization",),
        (),
        (),
        "curated",
        {"curated": True},
    ),
    Concept(
        "KG:immunomodulation",
        "Mechanism",
        "immunomodulation",
        (),
        (),
        (),
        "curated",
        {"curated": True},
    ),
    Concept("MESH:D018932", "Molecule", "CCL2", ("MCP-1",), (), (), "curated", {"curated": True}),
    Concept(
        "MESH:D016178",
        "Molecule",
        "IL-10",
        ("interleukin-10",),
        (),
        (),
        "curated",
        {"curated": True},
    ),
    Concept(
        "MESH:D014409",
        "Molecule",
        "TNF-α",
        ("tumor necrosis factor-alpha",),
        (),
        (),
        "curated",
        {"curated": True},
    ),
    Concept(
        "MESH:D015847", "Molecule", "IL-6", ("interleukin-6",), (), (), "curated", {"curated": True}
    ),
    Concept("CL:0000134", "CellType", "mesenchymal stem cell", (), (), (), "CL"),
]


@pytest.fixture(scope="session")
def small_lexicon(tmp_path_factory: pytest.TempPathFactory) -> CompiledLexicon:
    directory: Path = tmp_path_factory.mktemp("lexicon")
    write_concepts(directory / "small.tsv", SMALL_LEXICON)
    return compile_lexicon(directory)
