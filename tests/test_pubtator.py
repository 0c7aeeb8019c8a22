"""PubTator reading and writing on whole documents of NCBI-disease, BC5CDR and BioRED
(tests/data/pubtator), on the full shared corpora when present, and on malformed input."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from support import DATA, ROOT

from kg.errors import NotParsable
from kg.pubtator import (
    PubtatorDocument,
    PubtatorError,
    PubtatorMention,
    PubtatorRelation,
    format_document,
    is_pubtator,
    iter_documents,
)

FIXTURES = DATA / "pubtator"


def _read(name: str) -> list[PubtatorDocument]:
    path = FIXTURES / name
    with path.open(encoding="utf-8") as lines:
        return list(iter_documents(lines, path.name))


def _parse(text: str, source: str = "test.txt") -> list[PubtatorDocument]:
    return list(iter_documents(io.StringIO(text), source))


def _assert_offsets(document: PubtatorDocument) -> None:
    for mention in document.mentions:
        assert document.text[mention.start : mention.end] == mention.text


# -- the fixtures ---------------------------------------------------------------------------------


def test_ncbi_disease_documents() -> None:
    documents = _read("ncbi_disease_dev_first2.txt")  # starts with a blank line, as the file
    assert [document.id for document in documents] == ["8808605", "9050866"]
    first = documents[0]
    assert first.title.startswith("Somatic-cell selection is a major determinant")
    assert first.abstract.startswith("X-chromosome inactivation in mammals")
    assert first.abstract.endswith("hematopoiesis.. ")  # the file's trailing space is kept
    assert first.text == f"{first.title} {first.abstract}"
    assert len(first.mentions) == 5
    assert first.mentions[0] == PubtatorMention(
        154, 171, "enzyme deficiency", "DiseaseClass", ("D008661",)
    )  # the id column reads " D008661"
    assert first.mentions[1].text == "glucose-6-phosphate dehydrogenase (G6PD) deficiency"
    assert first.relations == ()
    for document in documents:
        _assert_offsets(document)


def test_ncbi_disease_composite_ids_and_a_mention_with_trailing_spaces() -> None:
    (document,) = _read("ncbi_disease_train_10923035.txt")
    mentions = {mention.start: mention for mention in document.mentions}
    assert mentions[187].ids == ("D030342", "D004827")  # "D030342+D004827"
    # The file says 'generalized epilepsy and febrile seizures " plus "  ' for 711-761.
    assert mentions[711].text == 'generalized epilepsy and febrile seizures " plus "'
    assert mentions[711].ids == ("D004829", "D003294")
    _assert_offsets(document)


def test_bc5cdr_document_with_relations_and_composite_mention() -> None:
    (document,) = _read("bc5cdr_dev_3703509.txt")
    assert document.title == "Hyperglycemic acidotic coma and death in Kearns-Sayre syndrome."
    assert len(document.mentions) == 19
    composite = document.mentions[0]
    assert composite == PubtatorMention(
        0,
        27,
        "Hyperglycemic acidotic coma",
        "Disease",
        ("D006943", "D000140", "D003128"),
        ("Hyperglycemic|acidotic|coma",),
    )
    unnormalised = document.mentions[-2]
    assert (unnormalised.text, unnormalised.ids) == ("metabolic-endocrine failure", ())
    assert document.relations[0] == PubtatorRelation("CID", "D011241", "D007662")
    assert len(document.relations) == 5
    _assert_offsets(document)


def test_biored_document_with_variants_and_novelty() -> None:
    (document,) = _read("biored_dev_14510914.txt")
    by_text = {mention.text: mention for mention in document.mentions}
    assert by_text["del-(439-443)"].ids == ("p|DEL|439_443|",)  # a tmVar id stays whole
    assert by_text["del-(439-443)"].type == "SequenceVariant"
    assert by_text["Iodide transport defect"].ids == ("C564766",)
    assert document.relations[0] == PubtatorRelation(
        "Positive_Correlation", "c|DEL|1314_1328|", "D003409", ("Novel",)
    )
    assert {relation.extra for relation in document.relations} == {("Novel",), ("No",)}
    _assert_offsets(document)


@pytest.mark.parametrize(
    ("field", "kind", "ids"),
    [
        ("D001943|D010051", "Disease", ("D001943", "D010051")),
        ("OMIM:312080+OMIM:312920", "SpecificDisease", ("OMIM:312080", "OMIM:312920")),
        ("7157,7158", "GeneOrGeneProduct", ("7157", "7158")),
        ("-1", "Chemical", ()),
        ("-", "ChemicalEntity", ()),
        ("c|SUB|G|2554+1|T", "SequenceVariant", ("c|SUB|G|2554+1|T",)),
        ("rs1234", "SequenceVariant", ("rs1234",)),
        (
            "tmVar:c|SUB|C|1234|T;HGVS:c.1234C>T;VariantGroup:0",
            "DNAMutation",
            ("tmVar:c|SUB|C|1234|T;HGVS:c.1234C>T;VariantGroup:0",),
        ),
    ],
)
def test_id_fields(field: str, kind: str, ids: tuple[str, ...]) -> None:
    (document,) = _parse(f"1|t|Some text here\n1|a|\n1\t0\t4\tSome\t{kind}\t{field}\n")
    assert document.mentions[0].ids == ids


def test_a_mention_line_without_ids_and_a_document_without_abstract() -> None:
    (document,) = _parse("42|t|Lupus nephritis.\n42\t0\t15\tLupus nephritis\tDisease\n")
    assert document.abstract == ""
    assert document.text == "Lupus nephritis."
    assert document.mentions[0].ids == ()


def test_documents_without_blank_lines_between_them_and_crlf_endings() -> None:
    text = "1|t|One.\r\n1|a|Text one.\r\n2|t|Two.\r\n2|a|Text two.\r\n2\t0\t3\tTwo\tX\tY\r\n"
    documents = _parse(text)
    assert [(d.id, d.abstract) for d in documents] == [("1", "Text one."), ("2", "Text two.")]
    assert documents[1].mentions[0].ids == ("Y",)


# -- malformed input ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "expected"),
    [
        ("1\t0\t3\tOne\tDisease\tD1\n", 1, "title line"),
        ("1|a|An abstract first.\n", 1, "the title line '1|t|...' first"),
        ("1|t|Title.\n2|a|Abstract of another.\n", 2, "the title line '2|t|...' first"),
        ("1|t|Title.\n1|a|One.\n1|a|Two.\n", 3, "one abstract line"),
        ("1|t|Title.\n1|a|Text.\n2\t0\t5\tTitle\tDisease\tD1\n", 3, "of document 1"),
        ("1|t|Title.\n1|a|Text.\n1\t0\tfive\tTitle\tDisease\tD1\n", 3, "start<TAB>end"),
        ("1|t|Title.\n1|a|Text.\n1\tCID\tD1\n", 3, "ID<TAB>type<TAB>id1<TAB>id2"),
        ("1|t|Title.\n1|a|Text.\n1\t0\n", 3, "start<TAB>end<TAB>text<TAB>type"),
        ("1|t|Title.\n1|a|Text.\n1\t0\t5\tTitle\n", 3, "start<TAB>end<TAB>text<TAB>type"),
        ("1|t|Title.\n1|a|Text.\n1\t0\t5\tTitel\tDisease\tD1\n", 3, "'Titel' at offsets 0-5"),
        ("1|t|Title.\n1|a|Text.\n1\t7\t40\tText\tDisease\tD1\n", 3, "at offsets 7-40"),
        ("1|t|Title.\n1|a|Text.\n1\t5\t3\tx\tDisease\tD1\n", 3, "start 5 after end 3"),
        ("\n\nnot pubtator at all\n", 3, "title line"),
    ],
)
def test_malformed_lines(text: str, line: int, expected: str) -> None:
    with pytest.raises(PubtatorError) as caught:
        _parse(text, "corpus.txt")
    error = caught.value
    assert isinstance(error, ValueError)
    assert isinstance(error, NotParsable)  # the CLI's exception tree: exit code 1
    assert (error.file, error.line) == ("corpus.txt", line)
    assert str(error).startswith(f"corpus.txt:{line}: expected ")
    assert expected in str(error)


def test_offsets_can_be_left_unchecked() -> None:
    text = "1|t|Title.\n1|a|Text.\n1\t0\t5\tTitel\tDisease\tD1\n"
    (document,) = list(iter_documents(io.StringIO(text), "x", check_offsets=False))
    assert document.mentions[0].text == "Titel"


# -- sniffing -------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(path.name for path in FIXTURES.glob("*.txt")))
def test_sniff_fixtures(name: str) -> None:
    lines = (FIXTURES / name).read_text(encoding="utf-8").splitlines()[:5]
    assert is_pubtator(lines)


@pytest.mark.parametrize(
    "lines",
    [
        [],
        ["", "  "],
        ["PMID- 39882532", "OWN - NLM", "STAT- MEDLINE"],
        ['"PMID","Title","Authors"', '"1","A title","Smith J"'],
        ["<?xml version='1.0'?>", "<PubmedArticleSet>"],
        ["1|a|An abstract without its title."],
        ["1|t|Title.", "2|a|Abstract of another document."],
        ["1|t|Title.", "some prose line"],
    ],
)
def test_sniff_rejects(lines: list[str]) -> None:
    assert not is_pubtator(lines)


# -- writing --------------------------------------------------------------------------------------


def test_format_document() -> None:
    mentions = [
        PubtatorMention(0, 28, "Systemic lupus erythematosus", "Disease", ("D008180",)),
        PubtatorMention(30, 33, "SLE", "Disease", ("D008180", "DOID:9074")),
        PubtatorMention(39, 43, "MSCs", "Therapy", ()),
    ]
    text = format_document("39154207", "Systemic lupus erythematosus (SLE)", "and MSCs.", mentions)
    assert text == (
        "39154207|t|Systemic lupus erythematosus (SLE)\n"
        "39154207|a|and MSCs.\n"
        "39154207\t0\t28\tSystemic lupus erythematosus\tDisease\tD008180\n"
        "39154207\t30\t33\tSLE\tDisease\tD008180|DOID:9074\n"
        "39154207\t39\t43\tMSCs\tTherapy\t-1\n"
        "\n"
    )
    (document,) = _parse(text)
    assert document.mentions == tuple(mentions)


@pytest.mark.parametrize("name", sorted(path.name for path in FIXTURES.glob("*.txt")))
def test_fixtures_round_trip(name: str) -> None:
    documents = _read(name)
    written = "".join(
        format_document(d.id, d.title, d.abstract, d.mentions, d.relations) for d in documents
    )
    assert _parse(written) == documents


@pytest.mark.parametrize(
    ("doc_id", "title", "abstract", "mentions"),
    [
        ("1|2", "Title.", "", []),
        ("", "Title.", "", []),
        ("1", "Two\nlines.", "", []),
        ("1", "Title.", "An\rabstract.", []),
        ("1", "Title.", "", [PubtatorMention(0, 5, "Titel", "Disease", ())]),
        ("1", "Tab\there.", "", [PubtatorMention(0, 8, "Tab\there", "Disease", ())]),
        ("1", "Title.", "", [PubtatorMention(0, 5, "Title", "Disease", ("D1|D2",))]),
        ("1", "Title.", "", [PubtatorMention(0, 5, "Title", "Disease", ("-1",))]),
        ("1", "Title.", "", [PubtatorMention(0, 5, "Title", "Gene", ("p", "DEL", "5_6"))]),
        ("1", "Title.", "", [PubtatorMention(0, 5, "Title", "SNP", ("rs1", "rs2"))]),
    ],
)
def test_format_refuses_what_would_not_read_back(
    doc_id: str, title: str, abstract: str, mentions: list[PubtatorMention]
) -> None:
    with pytest.raises(ValueError):
        format_document(doc_id, title, abstract, mentions)


_TEXT = st.text(
    alphabet=st.characters(blacklist_characters="\r\n\t", blacklist_categories=("Cs",)),
    max_size=60,
)
_ID = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9:_.]{0,9}", fullmatch=True)


@st.composite
def _documents(draw: st.DrawFn) -> tuple[str, str, str, list[PubtatorMention]]:
    doc_id = draw(st.from_regex(r"[0-9A-Za-z_.-]{1,12}", fullmatch=True))
    title = draw(_TEXT)
    abstract = draw(_TEXT)
    text = f"{title} {abstract}" if abstract else title
    mentions = []
    for _ in range(draw(st.integers(0, 4))):
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, len(text)))
        kind = draw(st.from_regex(r"[A-Za-z]{1,12}", fullmatch=True))
        ids = tuple(draw(st.lists(_ID, max_size=3)))
        mentions.append(PubtatorMention(start, end, text[start:end], kind, ids))
    return doc_id, title, abstract, mentions


@given(_documents())
def test_format_then_read_round_trips(
    document: tuple[str, str, str, list[PubtatorMention]],
) -> None:
    doc_id, title, abstract, mentions = document
    written = format_document(doc_id, title, abstract, mentions)
    (read,) = _parse(written)
    assert (read.id, read.title, read.abstract) == (doc_id, title, abstract)
    assert read.mentions == tuple(mentions)
    assert is_pubtator(written.split("\n")[:3])  # not splitlines(): "\x1e" may be in a title


# -- the shared corpora, when present -------------------------------------------------------------

_CORPORA = [DATA / "corpora", ROOT.parent / "shared" / "data" / "corpora"]


def _corpus(relative: str) -> Path:
    for root in _CORPORA:
        if (root / relative).is_file():
            return root / relative
    return Path("absent") / relative


@pytest.mark.parametrize(
    ("relative", "documents", "mentions", "relations"),
    [
        ("ncbi-disease/NCBIdevelopset_corpus.txt", 100, 787, 0),
        ("bc5cdr/CDR_DevelopmentSet.PubTator.txt", 489, 9334, 992),
        ("ncbi-disease/NCBItrainset_corpus.txt", 592, 5133, 0),
        ("bc5cdr/CDR_TrainingSet.PubTator.txt", 490, 9137, 1022),
        ("biored/Dev.PubTator", 84, 2907, 981),
        ("biored/Train.PubTator", 346, 11413, 3680),
    ],
)
def test_every_mention_of_the_shared_corpora_is_at_its_offsets(
    relative: str, documents: int, mentions: int, relations: int
) -> None:
    path = _corpus(relative)
    if not path.is_file():
        pytest.skip(f"shared corpus {relative} not present")
    with path.open(encoding="utf-8") as lines:
        read = list(iter_documents(lines, path.name))  # the reader checks every mention...
    for document in read:
        _assert_offsets(document)  # ...and so does the test, independently
    assert len(read) == documents
    assert sum(len(document.mentions) for document in read) == mentions
    assert sum(len(document.relations) for document in read) == relations
    written = "".join(
        format_document(d.id, d.title, d.abstract, d.mentions, d.relations) for d in read
    )
    assert _parse(written) == read
