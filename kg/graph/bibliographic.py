"""The bibliographic layer: Paper, Author, Institution and Journal nodes and their edges.

Input is the merged papers of a :class:`~kg.graph.papers.PaperIndex`; output is the contract
graph of :mod:`kg.graph.contract`.  Cited works that are not in the input become Paper nodes
too (``in_corpus`` false) so CITES always points at a node.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from kg.graph.contract import (
    AFFILIATED_WITH,
    AUTHOR,
    AUTHORED,
    CITES,
    JOURNAL,
    PAPER,
    PUBLISHED_IN,
    KnowledgeGraph,
    new_graph,
)
from kg.graph.institutions import add_institution, ground_affiliation
from kg.graph.keys import (
    author_key,
    journal_key,
    normalised_title,
    paper_fallback_key,
)
from kg.graph.papers import PaperCluster, PaperIndex
from kg.identity.resolver import Byline, Person, Resolution, resolve_authors
from kg.model import Author, Record, Reference
from kg.normalize.names import fold

__all__ = ["BibliographicLayer", "build_bibliographic_graph", "paper_id"]


@dataclass
class BibliographicLayer:
    """The graph plus what later stages need: authors and institutions of each paper."""

    graph: KnowledgeGraph
    papers: list[tuple[str, Record]] = field(default_factory=list)  # in-corpus paper nodes
    paper_authors: dict[str, list[str]] = field(default_factory=dict)
    paper_institutions: dict[str, list[str]] = field(default_factory=dict)


def paper_id(record: Record | Reference, first_author: str | None = None) -> str | None:
    """``pmid:N``, else ``doi:...``, else a key from first author, year and title.

    Without a distinctive title (``Editorial``, or a cited work known only by journal,
    volume and pages) the key hashes whatever the source states instead, so a paper is never
    dropped for lack of a title; ``None`` only when nothing at all identifies it.
    """
    if record.pmid:
        return f"pmid:{record.pmid}"
    if record.doi:
        return f"doi:{record.doi}"
    basis = normalised_title(record.title)
    if basis is None:
        details = [record.title, record.volume, record.pages]
        details.append(record.journal if isinstance(record, Reference) else record.journal_abbrev)
        if isinstance(record, Reference):
            details.append(record.citation)
        basis = "|".join(fold(value) for value in details if value)
    if not basis:
        return f"pmcid:{record.pmcid}" if record.pmcid else None
    return paper_fallback_key(first_author, record.year, basis)


def build_bibliographic_graph(index: PaperIndex) -> BibliographicLayer:
    """Build the bibliographic layer from every merged paper in ``index``."""
    layer = BibliographicLayer(new_graph())
    clusters = list(index.clusters())
    people = _resolve_people(clusters)
    citations: list[tuple[str, Reference]] = []
    for number, cluster in enumerate(clusters):
        node = _add_paper(layer, cluster, people.people_of(number))
        if node is not None:
            citations.extend((node, reference) for reference in cluster.record.references)
    cited_works = _cited_work_ids(index, [reference for _, reference in citations])
    for citing, reference in citations:
        _add_citation(layer.graph, index, cited_works, citing, reference)
    _finish_counts(layer.graph)
    return layer


def _resolve_people(clusters: list[PaperCluster]) -> Resolution:
    """Who every byline position is, across all papers at once (:mod:`kg.identity`)."""
    bylines = []
    for number, cluster in enumerate(clusters):
        record = cluster.record
        node = paper_id(record, _first_author_name(record)) or f"unidentified#{number}"
        bylines.append(Byline(node, record.authors))
    return resolve_authors(bylines)


def _first_author_name(record: Record) -> str | None:
    if not record.authors:
        return None
    first = record.authors[0]
    return first.last_name or first.collective_name


def _add_paper(
    layer: BibliographicLayer, cluster: PaperCluster, people: Sequence[Person | None]
) -> str | None:
    record = cluster.record
    node = paper_id(record, _first_author_name(record))
    if node is None:
        return None
    graph = layer.graph
    graph.add_node(node, **_paper_attributes(record, cluster.sources, cluster.formats))
    layer.papers.append((node, record))
    journal = _add_journal(graph, record)
    if journal is not None:
        graph.add_edge(node, journal, key=PUBLISHED_IN, type=PUBLISHED_IN)
    authors: list[str] = []
    institutions: list[str] = []
    for position, author in enumerate(record.authors, start=1):
        person = _add_author(graph, author, people[position - 1])
        if person is None:
            continue
        attributes: dict[str, object] = {"type": AUTHORED, "position": position}
        if author.affiliations:
            attributes["affiliations"] = list(author.affiliations)
        if not graph.has_edge(person, node, key=AUTHORED):  # a short form joined its full form
            graph.add_edge(person, node, key=AUTHORED, **attributes)
        authors.append(person)
        for affiliation in author.affiliations:
            for institution in ground_affiliation(affiliation):
                place = add_institution(graph, institution)
                _link_affiliation(graph, person, place, node)
                if place not in institutions:
                    institutions.append(place)
    layer.paper_authors[node] = list(dict.fromkeys(authors))
    layer.paper_institutions[node] = institutions
    return node


def _paper_attributes(record: Record, sources: list[str], formats: set[str]) -> dict[str, object]:
    values: dict[str, object] = {
        "label": PAPER,
        "pmid": record.pmid,
        "pmcid": record.pmcid,
        "doi": record.doi,
        "title": record.title,
        "abstract": record.abstract_text,
        "abstract_truncated": record.abstract_truncated or None,
        "year": record.year
        if record.year is not None
        else (record.date.year if record.date else None),
        "date": record.date.iso() if record.date else None,
        "journal": record.journal_abbrev or record.journal_title,
        "volume": record.volume,
        "issue": record.issue,
        "pages": record.pages,
        "language": record.language,
        "publication_types": list(record.publication_types),
        "keywords": list(record.keywords),
        "mesh": [heading.descriptor for heading in record.mesh_headings],
        "mesh_ids": [h.descriptor_id for h in record.mesh_headings if h.descriptor_id],
        "received": record.received.iso() if record.received else None,
        "revised": record.revised.iso() if record.revised else None,
        "accepted": record.accepted.iso() if record.accepted else None,
        "epub": record.epub.iso() if record.epub else None,
        "cited_by": record.cited_by,
        "open_access": record.open_access,
        "in_corpus": True,
        "sources": sorted(set(sources)),
        "formats": sorted(formats),
    }
    return {key: value for key, value in values.items() if value is not None and value != []}


def _add_journal(graph: KnowledgeGraph, record: Record) -> str | None:
    issn = record.issn_linking or record.issn
    node = journal_key(record.journal_abbrev, record.journal_title, issn)
    if node is None:
        return None
    if node not in graph:
        name = record.journal_abbrev or record.journal_title or issn
        graph.add_node(node, label=JOURNAL, name=name)
    attributes = graph.nodes[node]
    if record.journal_title and "title" not in attributes:
        attributes["title"] = record.journal_title
    issns = [value for value in (record.issn, record.issn_linking) if value]
    if issns:
        attributes["issn"] = sorted(set(attributes.get("issn", [])) | set(issns))
    return node


def _add_author(graph: KnowledgeGraph, author: Author, person: Person | None) -> str | None:
    """The node of one byline position: its resolved person, else a group by its name."""
    if person is None:
        node = author_key(author)  # groups; None for a nameless entry
        if node is not None and node not in graph:
            graph.add_node(node, label=AUTHOR, name=author.display_name, paper_count=0)
        return node
    if person.id not in graph:
        name = person.name
        values: dict[str, object] = {
            "label": AUTHOR,
            "name": name.display_name,
            "last_name": name.last_name,
            "fore_name": name.fore_name,
            "initials": name.initials,
            "orcid": person.orcid,
            "paper_count": 0,
            "mention_count": person.mentions,
            "merged_by": list(person.merged_by),
        }
        graph.add_node(person.id, **{k: v for k, v in values.items() if v is not None and v != []})
    return person.id


def _link_affiliation(graph: KnowledgeGraph, person: str, place: str, paper: str) -> None:
    data = graph.get_edge_data(person, place, key=AFFILIATED_WITH)
    if data is None:
        graph.add_edge(
            person, place, key=AFFILIATED_WITH, type=AFFILIATED_WITH, papers=[paper], weight=1
        )
    elif paper not in data["papers"]:
        data["papers"].append(paper)
        data["weight"] = len(data["papers"])


def _reference_keys(reference: Reference) -> list[str]:
    return [
        f"{kind}:{value}"
        for kind, value in (
            ("pmid", reference.pmid),
            ("doi", reference.doi),
            ("pmcid", reference.pmcid),
        )
        if value
    ]


def _cited_work_ids(index: PaperIndex, references: list[Reference]) -> dict[str, str]:
    """The node id of every cited work, by each identifier it is cited with.

    References to one work are joined through shared identifiers before any node is made, so
    the work is ``pmid:N`` whenever *any* reference gives its PMID (DESIGN §3), whatever order
    the references come in; a group never joins two PMIDs (the first PMID keeps the group).
    """
    parent: dict[str, str] = {}

    def find(key: str) -> str:
        while parent.setdefault(key, key) != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    pmid_of: dict[str, str] = {}
    for reference in references:
        if index.find(pmid=reference.pmid, doi=reference.doi, pmcid=reference.pmcid):
            continue
        keys = _reference_keys(reference)
        for key in keys[1:]:
            first, other = find(keys[0]), find(key)
            if first == other:
                continue
            pmids = {pmid for pmid in (pmid_of.get(first), pmid_of.get(other)) if pmid}
            if len(pmids) > 1:
                continue  # two different PMIDs: two works
            parent[other] = first
            if pmids:
                pmid_of[first] = pmids.pop()
        for key in keys:
            if key.startswith("pmid:"):
                pmid_of.setdefault(find(key), key)
    return {key: pmid_of[find(key)] for key in parent if find(key) in pmid_of}


def _add_citation(
    graph: KnowledgeGraph,
    index: PaperIndex,
    cited_works: dict[str, str],
    citing: str,
    reference: Reference,
) -> None:
    """Link ``citing`` to the paper ``reference`` names: one of the inputs, or a cited work.

    Cited works are indexed by every identifier they were cited with (``cited_works``), so
    one reference giving PMID and DOI and another giving only the DOI meet at one node.
    """
    cluster = index.find(pmid=reference.pmid, doi=reference.doi, pmcid=reference.pmcid)
    if cluster is not None:
        target = paper_id(cluster.record, _first_author_name(cluster.record))
    else:
        keys = _reference_keys(reference)
        target = next((cited_works[key] for key in keys if key in cited_works), None)
        if target is None:
            first = reference.authors[0].split()[0] if reference.authors else None
            target = paper_id(reference, first)
            if target is None:
                return
        if target not in graph:
            graph.add_node(target, **_reference_attributes(reference))
        else:
            _fill_missing(graph.nodes[target], _reference_attributes(reference))
        for key in keys:
            cited_works.setdefault(key, target)
    if target is not None and target != citing:
        graph.add_edge(citing, target, key=CITES, type=CITES)


def _fill_missing(attributes: dict[str, object], more: dict[str, object | None]) -> None:
    """Add what a node does not know yet; the first value seen stays (no None, no "")."""
    for name, value in more.items():
        if value not in (None, "", []):
            attributes.setdefault(name, value)


def _reference_attributes(reference: Reference) -> dict[str, object]:
    values: dict[str, object] = {
        "label": PAPER,
        "pmid": reference.pmid,
        "pmcid": reference.pmcid,
        "doi": reference.doi,
        "title": reference.title,
        "year": reference.year,
        "journal": reference.journal,
        "volume": reference.volume,
        "issue": reference.issue,
        "pages": reference.pages,
        "citation": reference.citation,
        "author_names": list(reference.authors),
        "in_corpus": False,
    }
    return {key: value for key, value in values.items() if value is not None and value != []}


def _finish_counts(graph: KnowledgeGraph) -> None:
    """Paper counts of authors and institutions, from the edges actually in the graph."""
    for node, attributes in graph.nodes(data=True):
        label = attributes.get("label")
        if label == AUTHOR:
            attributes["paper_count"] = sum(
                1 for _, _, key in graph.out_edges(node, keys=True) if key == AUTHORED
            )
    institution_papers: dict[str, set[str]] = defaultdict(set)
    for _, place, key, data in graph.edges(keys=True, data=True):
        if key == AFFILIATED_WITH:
            institution_papers[place].update(data["papers"])
    for place, papers in institution_papers.items():
        graph.nodes[place]["paper_count"] = len(papers)
