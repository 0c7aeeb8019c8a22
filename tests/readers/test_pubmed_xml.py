"""PubMed XML reader on real records copied from ../shared/data/pubmed/xml (see the README there).

Golden files pin the whole output; the explicit assertions below say which values were checked
by eye against the XML, so a regenerated golden file cannot silently change them.
"""

from __future__ import annotations

import gzip
import time
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest

from kg.model import Deletion, PartialDate, Problem, Record
from kg.readers import detect_format, load_reader, pubmed_xml
from kg.readers.source import InputSource

Golden = Callable[[str, Iterable[Record]], None]
Item = Record | Problem | Deletion
XML = Path(__file__).parent.parent / "data" / "pubmed_xml"
SAMPLE = XML / "pubmed21n1298_sample.xml"
LEGACY = XML / "medline16n0902_sample.xml"


def _items(path: Path, display: str | None = None) -> list[Item]:
    return list(pubmed_xml.read(InputSource(path, display or f"pubmed_xml/{path.name}")))


def _split(items: list[Item]) -> tuple[list[Record], list[Problem], list[Deletion]]:
    records = [item for item in items if isinstance(item, Record)]
    problems = [item for item in items if isinstance(item, Problem)]
    deletions = [item for item in items if isinstance(item, Deletion)]
    return records, problems, deletions


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _by_pmid(records: list[Record]) -> dict[str | None, Record]:
    return {record.pmid: record for record in records}


# -- golden files ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "pubmed21n1298_sample.xml",
        "pubmed21n1298_mathml.xml",
        "medline16n0902_sample.xml",
        "medsamp2016_sample.xml",
        "pubmed20n0014_sample.xml",
        "biopython_pubmed4.xml",
        "biopython_pubmed7.xml",
    ],
)
def test_golden(name: str, golden: Golden) -> None:
    records = _split(_items(XML / name))[0]
    assert records
    golden(f"pubmed_xml_{Path(name).stem}", records)


def test_fixtures_read_without_problems() -> None:
    for path in sorted(XML.glob("*.xml")):
        _, problems, _ = _split(_items(path))
        assert problems == [], path.name


# -- values checked against the XML --------------------------------------------------------


def test_baseline_update_records() -> None:
    records, problems, _ = _split(_items(SAMPLE))
    assert [record.pmid for record in records] == [
        "10704411", "29615368", "31393174", "32663902", "33176546", "34017925",
    ]  # fmt: skip
    assert [record.source.record for record in records] == [1, 2, 3, 4, 5, 6]
    assert records[0].source.line == 4
    assert records[0].source.format == "pubmed-xml"
    assert records[0].source.file == "pubmed_xml/pubmed21n1298_sample.xml"
    by_pmid = _by_pmid(records)

    first = by_pmid["10704411"]
    assert first.doi == "10.1016/s0960-9822(00)00336-5"
    assert [(section.label, section.category) for section in first.abstract] == [
        ("BACKGROUND", "BACKGROUND"), ("RESULTS", "RESULTS"), ("CONCLUSIONS", "CONCLUSIONS"),
    ]  # fmt: skip
    cocaine = next(heading for heading in first.mesh_headings if heading.descriptor == "Cocaine")
    assert (cocaine.descriptor_id, cocaine.major, cocaine.qualifiers) == (
        "D003042", True, ("metabolism",),
    )  # fmt: skip
    assert first.journal_abbrev == "Curr Biol"
    assert first.journal_title == "Current biology : CB"
    assert (first.issn, first.issn_linking, first.volume, first.issue, first.pages) == (
        "0960-9822", "0960-9822", "10", "4", "187-94",
    )  # fmt: skip
    assert first.date == PartialDate(2000, 2, 24)
    assert first.year == 2000
    assert first.indexed == PartialDate(2000, 4, 25)  # DateCompleted
    assert first.authors[0].affiliations == (
        "Department of Anesthesia, University of California San Francisco, California "
        "94143-0452, USA.",
    )

    spanish = by_pmid["29615368"]
    assert spanish.date == PartialDate(2018, 7)  # <MedlineDate>2018 Jul-Aug</MedlineDate>
    assert spanish.received == PartialDate(2017, 5, 24)
    assert spanish.revised == PartialDate(2017, 12, 1)
    assert spanish.accepted == PartialDate(2017, 12, 19)
    assert spanish.epub == PartialDate(2018, 3, 31)
    assert spanish.authors[0].email == "farmaafyde@gmail.com"
    assert spanish.authors[0].affiliations[0].endswith("Electronic address: farmaafyde@gmail.com.")

    markup = by_pmid["31393174"]
    assert markup.title == (
        "Cycloartanol and Sutherlandioside C peracetate from Sutherlandia frutescens and their "
        "immune potentiating effects."
    )  # <i>Sutherlandia frutescens</i> flattened
    assert markup.abstract[0].text.startswith("A novel cycloartanol (1) and an acylated")
    assert markup.authors[3].orcid == "0000-0002-2873-6234"  # stated as https://orcid.org/...
    assert len(markup.authors[4].affiliations) == 2

    letter = by_pmid["32663902"]
    assert letter.doi == "10.1111/codi.15266"
    assert len(letter.authors) == 4
    assert [author.orcid for author in letter.authors] == [
        "0000-0003-0237-9088", "0000-0002-3862-8018", "0000-0003-3692-8962",
        "0000-0003-4058-1842",
    ]  # fmt: skip
    assert letter.authors[0].affiliations == (
        "Department of Colorectal Surgery, King's College Hospital NHS Foundation Trust, London, "
        "UK.",
        "Institute of Clinical Medicine, Faculty of Medicine, Vilnius University, Vilnius, "
        "Lithuania.",
    )
    assert letter.abstract == ()
    assert len(letter.references) == 3
    assert letter.references[0].citation is not None
    assert letter.references[0].citation.startswith("Ryoo SB, Oh HK, Ha HK et al.")

    group = by_pmid["33176546"]
    assert group.title is not None and "LOS > 2 days" in group.title
    assert group.authors[-1].collective_name == (
        "Lundbeck Foundation Centre for Fast-track Hip and Knee Replacement Collaborative Group"
    )
    assert group.authors[-1].last_name is None

    versioned = by_pmid["34017925"]
    assert versioned.version == 2
    assert versioned.pmcid == "PMC8095192"  # stated as PMC8095192.2
    assert versioned.title is not None and versioned.title.startswith("luox: novel validated")
    assert versioned.issue is None
    assert len(versioned.authors[0].affiliations) == 4
    assert problems == []


def test_delete_citation_becomes_a_deletion() -> None:
    _, _, deletions = _split(_items(SAMPLE))
    (deletion,) = deletions
    assert len(deletion.pmids) == 20
    assert deletion.pmids[0] == "31688362"
    assert deletion.pmids[-1] == "34096142"
    assert deletion.source.record == 7
    assert deletion.reason == "DeleteCitation"


def test_malformed_pmid_in_a_deletion_is_dropped_with_a_warning(tmp_path: Path) -> None:
    text = LEGACY.read_text(encoding="utf-8").replace(
        '<PMID Version="1">26432306</PMID>\n</DeleteCitation>',
        '<PMID Version="1">26432306</PMID>\n<PMID Version="1">x1</PMID>\n</DeleteCitation>',
    )
    items = _items(_write(tmp_path, "delete.xml", text))
    _, problems, deletions = _split(items)
    assert deletions[0].pmids == ("26432306",)
    (problem,) = problems
    assert problem.severity == "warning" and problem.record == 5
    assert "'x1'" in problem.message


def test_legacy_medline_citation_set() -> None:
    items = _items(LEGACY)
    records, problems, deletions = _split(items)
    assert isinstance(items[-1], Deletion)
    assert deletions[0].pmids == ("26432306",)
    assert [record.pmid for record in records] == ["18621939", "26668917", "26702360", "26702293"]
    first, italian, _, orcid = records
    assert first.pmcid == "PMC4631030"  # only stated as <OtherID Source="NLM">
    assert first.doi == "10.1176/appi.psy.49.4.332"  # from ELocationID
    assert first.date == PartialDate(2008, 7)
    assert first.references == ()
    # "[Childhood cancer ... 2003-2008]." is MEDLINE's translation of an Italian title
    assert (
        italian.title == "Childhood cancer incidence in Apulia Region (Southern Italy), 2003-2008."
    )
    assert italian.language == "ita"
    assert italian.authors[-1].collective_name == "Gruppo di lavoro Registro tumori Puglia"
    assert orcid.authors[0].orcid == "0000-0003-3474-6874"
    assert problems == []


def test_invalid_author_spellings_are_skipped() -> None:
    records, _, _ = _split(_items(XML / "medsamp2016_sample.xml"))
    names = [author.last_name for author in _by_pmid(records)["17713168"].authors]
    assert "Colatigli" not in names and "Pannetti" not in names  # ValidYN="N"
    assert names[:3] == ["Di Giambenedetto", "Bracciale", "Colafigli"]


def test_old_records_season_and_truncated_abstract() -> None:
    records = _by_pmid(_split(_items(XML / "pubmed20n0014_sample.xml"))[0])
    assert records["399484"].date == PartialDate(1979, 9)  # <Season>Fall</Season>
    truncated = records["400770"]
    assert truncated.abstract_truncated
    assert "ABSTRACT TRUNCATED" not in (truncated.abstract_text or "")
    assert truncated.title == "General anesthesia in infants."  # was "[...]."
    assert records["401078"].date == PartialDate(1979, 11)


def test_mathml_is_read_as_its_tokens() -> None:
    """PubMed lays MathML out with whitespace between tokens; T<sub>1</sub> must read as T1."""
    records = _by_pmid(_split(_items(XML / "pubmed21n1298_mathml.xml"))[0])
    assert records["33780037"].title == (
        "Free-breathing simultaneous T1 , T2 , and T2∗ quantification in the myocardium."
    )
    assert "bifurcation of [Ca2+]i with regard to [IP3]" in (
        records["34092205"].abstract_text or ""
    )
    (record,) = _split(_items(XML / "biopython_pubmed7.xml"))[0]
    assert "inhaled He3/Xe129\u2009MRI ventilation" in record.abstract[0].text  # <mml:mtext> kept


def test_biopython_example_with_references_and_group() -> None:
    (record,) = _split(_items(XML / "biopython_pubmed7.xml"))[0]
    assert record.pmcid == "PMC6022861"
    assert len(record.references) == 49
    assert record.references[0].pmid == "25144646"
    assert record.authors[-1].collective_name == "Canadian Respiratory Research Network"
    assert record.authors[1].orcid == "0000-0002-4590-7461"
    assert record.epub == PartialDate(2018, 6, 28)


# -- inputs: gzip, truncation, damage ----------------------------------------------------------


def test_gzip_and_plain_give_identical_records(tmp_path: Path) -> None:
    packed = tmp_path / "sample.xml.gz"
    packed.write_bytes(gzip.compress(SAMPLE.read_bytes()))
    plain = _items(SAMPLE, "same")
    zipped = _items(packed, "same")
    assert plain == zipped
    assert len(plain) == 7


def test_truncated_xml_keeps_earlier_records(tmp_path: Path) -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    cut = text.index("<AbstractText>Light exposure")  # inside the sixth record
    items = _items(_write(tmp_path, "cut.xml", text[:cut]))
    records, problems, _ = _split(items)
    assert [record.source.record for record in records] == [1, 2, 3, 4, 5]
    assert items[-1] is problems[-1]
    (problem,) = problems
    assert problem.severity == "error"
    assert problem.line == text[:cut].count("\n") + 1
    assert f"truncated at line {problem.line}" in problem.message
    assert "records after this point are lost" in problem.message


def test_malformed_xml_reports_the_line(tmp_path: Path) -> None:
    text = SAMPLE.read_text(encoding="utf-8").replace(
        "<ArticleTitle>Martius flap", "<ArticleTitle>Martius <b>flap", 1
    )
    records, problems, _ = _split(_items(_write(tmp_path, "bad.xml", text)))
    assert len(records) == 3
    (problem,) = problems
    assert "mismatch" in problem.message.lower()
    assert problem.line is not None and problem.line > 480


def test_truncated_gzip_yields_earlier_records_then_a_problem(tmp_path: Path) -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    start = text.index("  <PubmedArticle>")
    end = text.index("  <DeleteCitation>")
    big = text[:start] + text[start:end] * 60 + text[end:]  # ~2.5 MB, 360 records
    data = gzip.compress(big.encode("utf-8"))
    path = tmp_path / "cut.xml.gz"
    path.write_bytes(data[: len(data) * 2 // 3])
    items = _items(path)
    records, problems, _ = _split(items)
    assert records, "records before the break are kept"
    assert len(records) < 360
    assert [record.source.record for record in records] == list(range(1, len(records) + 1))
    assert items[-1] is problems[-1]
    assert problems[-1].severity == "error"
    assert "truncated" in problems[-1].message
    assert "records after this point are lost" in problems[-1].message


def test_empty_and_non_xml_files_are_problems(tmp_path: Path) -> None:
    for name, text, expected in [
        ("empty.xml", "", "file is empty"),
        ("text.xml", "PMID- 1\nTI  - not XML\n", "not well-formed XML"),
        ("other.xml", '<?xml version="1.0"?>\n<html><body/></html>\n', "no PubMed records"),
    ]:
        items = _items(_write(tmp_path, name, text))
        assert len(items) == 1, name
        (problem,) = items
        assert isinstance(problem, Problem)
        assert problem.severity == "error"
        assert expected in problem.message, problem.message


def test_empty_result_set_is_not_a_problem(tmp_path: Path) -> None:
    path = _write(
        tmp_path, "none.xml", "<?xml version='1.0'?>\n<PubmedArticleSet>\n</PubmedArticleSet>"
    )
    assert _items(path) == []


# -- bad values inside good XML ----------------------------------------------------------------


def test_malformed_pmid_and_doi_are_dropped_with_warnings(tmp_path: Path) -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    text = text.replace('<PMID Version="1">8454279</PMID>', "", 1)  # no such PMID: untouched
    text = text.replace('<PMID Version="1">31393174</PMID>', '<PMID Version="1">31x93174</PMID>')
    text = text.replace(
        '<ArticleId IdType="doi">10.1111/codi.15266</ArticleId>',
        '<ArticleId IdType="doi">doi: not a doi</ArticleId>',
    )
    items = _items(_write(tmp_path, "ids.xml", text))
    records, problems, _ = _split(items)
    assert len(records) == 6
    bad_pmid, bad_doi = problems
    assert bad_pmid.severity == "warning"
    assert bad_pmid.record == 3
    assert bad_pmid.file == "pubmed_xml/ids.xml"
    assert "record 3" in bad_pmid.message and "31x93174" in bad_pmid.message
    assert records[2].pmid is None
    assert records[2].title is not None  # kept: a title still identifies it
    assert bad_doi.record == 4
    assert bad_doi.record_id == "32663902"
    assert "PMID 32663902" in bad_doi.message and "not a doi" in bad_doi.message
    assert records[3].doi == "10.1111/codi.15266"  # the ELocationID stands in


def test_record_without_pmid_and_title_is_rejected_and_reading_goes_on(tmp_path: Path) -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    text = text.replace('<PMID Version="1">31393174</PMID>', "")
    start = text.index("<ArticleTitle>Cycloartanol")
    end = text.index("</ArticleTitle>", start) + len("</ArticleTitle>")
    text = text[:start] + text[end:]
    items = _items(_write(tmp_path, "anonymous.xml", text))
    records, problems, _ = _split(items)
    assert len(records) == 5
    (problem,) = problems
    assert problem.severity == "error"
    assert problem.record == 3
    assert "neither a PMID nor a title" in problem.message
    assert items.index(problem) == 2  # in file order, between records 2 and 4


def test_bad_orcid_is_dropped_with_a_warning(tmp_path: Path) -> None:
    text = SAMPLE.read_text(encoding="utf-8").replace("0000-0003-0237-9088", "0000-0003-0237-9089")
    records, problems, _ = _split(_items(_write(tmp_path, "orcid.xml", text)))
    (problem,) = problems
    assert problem.severity == "warning"
    assert "check digit" in problem.message
    letter = _by_pmid(records)["32663902"]
    assert letter.authors[0].orcid is None
    assert letter.authors[0].last_name == "Kavaliauskas"


def test_pre_2014_article_affiliation_goes_to_the_first_author(tmp_path: Path) -> None:
    """Old MEDLINE stated one <Affiliation> per article, that of the first author."""
    text = (XML / "medsamp2016_sample.xml").read_text(encoding="utf-8")
    affiliation = "Department of Community Medicine, Medical College, Calcutta."
    stated = f"<AffiliationInfo>\n<Affiliation>{affiliation}</Affiliation>\n</AffiliationInfo>\n"
    assert stated in text
    text = text.replace(stated, "", 1).replace(
        '<AuthorList CompleteYN="Y">',
        f'<Affiliation>{affiliation}</Affiliation>\n<AuthorList CompleteYN="Y">',
        1,
    )
    records, problems, _ = _split(_items(_write(tmp_path, "old.xml", text)))
    first = _by_pmid(records)["11243089"]
    assert first.authors[0].affiliations == (affiliation,)
    assert first.authors[1].affiliations == ()
    assert problems == []


def test_other_abstract_stands_in_only_without_abstract(tmp_path: Path) -> None:
    text = (XML / "medsamp2016_sample.xml").read_text(encoding="utf-8")
    records = _by_pmid(_split(_items(XML / "medsamp2016_sample.xml"))[0])
    assert records["11243089"].abstract[0].text.startswith("Pavement dwelling is likely")
    start = text.index("<Abstract>")
    end = text.index("</Abstract>") + len("</Abstract>")
    records = _by_pmid(_split(_items(_write(tmp_path, "other.xml", text[:start] + text[end:])))[0])
    assert records["11243089"].abstract[0].text.startswith("This document presents a cross")


def test_book_article(tmp_path: Path) -> None:
    """Structure of a Bookshelf record (PubmedBookArticle); no real one is in ../shared/data."""
    path = _write(
        tmp_path,
        "book.xml",
        """<?xml version="1.0"?>
<PubmedArticleSet>
<PubmedBookArticle>
  <BookDocument>
    <PMID Version="1">20301295</PMID>
    <ArticleIdList><ArticleId IdType="bookaccession">NBK1116</ArticleId></ArticleIdList>
    <Book>
      <Publisher><PublisherName>University of Washington, Seattle</PublisherName></Publisher>
      <BookTitle book="gene">GeneReviews<sup>®</sup></BookTitle>
      <PubDate><Year>1993</Year></PubDate>
      <AuthorList Type="editors">
        <Author><LastName>Adam</LastName><ForeName>Margaret P</ForeName></Author>
      </AuthorList>
    </Book>
    <ArticleTitle book="gene" part="overview">A chapter</ArticleTitle>
    <Language>eng</Language>
    <AuthorList Type="authors"><Author><LastName>Pagon</LastName><ForeName>Roberta A</ForeName>
      <Initials>RA</Initials></Author></AuthorList>
    <PublicationType UI="D016454">Review</PublicationType>
    <Abstract><AbstractText Label="INTRODUCTION">Text.</AbstractText></Abstract>
  </BookDocument>
  <PubmedBookData>
    <History>
      <PubMedPubDate PubStatus="pubmed"><Year>2010</Year><Month>3</Month></PubMedPubDate>
    </History>
    <PublicationStatus>ppublish</PublicationStatus>
    <ArticleIdList><ArticleId IdType="pubmed">20301295</ArticleId></ArticleIdList>
  </PubmedBookData>
</PubmedBookArticle>
</PubmedArticleSet>
""",
    )
    (record,) = _items(path)
    assert isinstance(record, Record)
    assert record.pmid == "20301295"
    assert record.title == "A chapter"
    assert [author.last_name for author in record.authors] == ["Pagon"]  # editors are not authors
    assert record.year == 1993
    assert record.publication_types == ("Review",)
    assert record.abstract[0].label == "INTRODUCTION"
    assert [(identifier.scheme, identifier.value) for identifier in record.other_ids] == [
        ("bookaccession", "NBK1116")
    ]


# -- security ----------------------------------------------------------------------------------

_RECORD = (
    "<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID Version='1'>1</PMID><Article>"
    "<ArticleTitle>A {entity} title</ArticleTitle><AuthorList><Author><LastName>{entity}"
    "</LastName></Author></AuthorList></Article></MedlineCitation></PubmedArticle>"
    "</PubmedArticleSet>\n"
)


def test_billion_laughs_is_refused_quickly(tmp_path: Path) -> None:
    entities = ['<!ENTITY lol "lol">'] + [
        f'<!ENTITY lol{level} "{f"&lol{level - 1};" * 10 if level > 1 else "&lol;" * 10}">'
        for level in range(1, 10)
    ]
    text = (
        '<?xml version="1.0"?>\n<!DOCTYPE PubmedArticleSet [\n'
        + "\n".join(entities)
        + "\n]>\n"
        + _RECORD.format(entity="&lol9;")
    )
    started = time.perf_counter()
    items = _items(_write(tmp_path, "laughs.xml", text))
    assert time.perf_counter() - started < 5
    assert all(len(repr(item)) < 2000 for item in items)
    assert "lol" * 100 not in repr(items)
    errors = [item for item in items if isinstance(item, Problem) and item.severity == "error"]
    records = [item for item in items if isinstance(item, Record)]
    # libxml2 refuses the amplification; had it not, the entity would stay unexpanded
    assert errors or all("&lol9;" in (record.title or "") for record in records)
    if errors:
        assert "XML refused" in errors[0].message


def test_external_entity_is_not_expanded(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT", encoding="utf-8")
    for target in ("file:///etc/passwd", secret.as_uri()):
        text = (
            f'<?xml version="1.0"?>\n<!DOCTYPE PubmedArticleSet [\n'
            f'<!ENTITY xxe SYSTEM "{target}">\n]>\n' + _RECORD.format(entity="&xxe;")
        )
        items = _items(_write(tmp_path, "xxe.xml", text))
        dump = repr(items)
        assert "TOP-SECRET-CONTENT" not in dump and "root:" not in dump
        records, problems, _ = _split(items)
        (record,) = records
        assert record.title == "A &xxe; title"  # left as the literal reference
        (warning,) = problems
        assert warning.severity == "warning" and "unexpanded" in warning.message


def test_external_dtd_and_parameter_entities_are_not_read(tmp_path: Path) -> None:
    """A DOCTYPE naming a local file must not make the parser open it.

    The file here is not a valid DTD: were it read, parsing would fail.  (lxml's
    ``collect_ids=False`` makes libxml2 read it, which is why the reader does not set it.)
    """
    dtd = tmp_path / "evil.dtd"
    dtd.write_text('<!ENTITY leak "TOP-SECRET-CONTENT"> this is not DTD syntax', encoding="utf-8")
    for doctype in (
        f'<!DOCTYPE PubmedArticleSet SYSTEM "{dtd.as_uri()}">',
        f'<!DOCTYPE PubmedArticleSet [ <!ENTITY % ext SYSTEM "{dtd.as_uri()}"> %ext; ]>',
    ):
        text = f'<?xml version="1.0"?>\n{doctype}\n' + _RECORD.format(entity="&leak;")
        items = _items(_write(tmp_path, "dtd.xml", text))
        assert "TOP-SECRET-CONTENT" not in repr(items)
        records = [item for item in items if isinstance(item, Record)]
        assert [record.pmid for record in records] == ["1"], items


# -- sniffing and registry ---------------------------------------------------------------------


def test_sniff_scores() -> None:
    for path in sorted(XML.glob("*.xml")):
        assert pubmed_xml.sniff(InputSource(path).head_text()) == 100, path.name
    assert pubmed_xml.sniff("<PubmedArticle><MedlineCitation>") == 90
    assert pubmed_xml.sniff('\ufeff<?xml version="1.0"?>\n<MedlineCitationSet>') == 100
    assert pubmed_xml.sniff('<?xml version="1.0"?>\n<html><body>PubMed</body></html>') == 0
    assert pubmed_xml.sniff("PMID- 1\nAB  - we parsed <PubmedArticle> elements\n") == 0
    assert pubmed_xml.sniff('{"source": {"file": "x"}}') == 0
    assert pubmed_xml.sniff("") == 0


def test_registry_and_detection() -> None:
    assert load_reader("pubmed-xml") is pubmed_xml
    assert pubmed_xml.NAME == "pubmed-xml"
    assert pubmed_xml.SUFFIXES == (".xml",)
    assert detect_format(InputSource(SAMPLE)) == "pubmed-xml"
    assert detect_format(InputSource(LEGACY)) == "pubmed-xml"
