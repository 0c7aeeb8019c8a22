"""Paper identity: records of the same paper from any inputs become one merged record.

Records arrive as a stream.  Each is keyed by PMID, DOI, PMCID and (when distinctive) its
normalised title with year; a record joins every earlier cluster it shares a key with, unless
their PMIDs disagree (two PMIDs are two papers, whatever a shared DOI or title says).  Memory
holds one merged record per distinct paper, so reading the same file three times costs no
more than reading it once.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass, field

from kg.graph.keys import normalised_title
from kg.model import Author, Record, Reference

__all__ = ["PaperCluster", "PaperIndex", "merge_records"]


@dataclass(slots=True)
class PaperCluster:
    """The merged view of one paper and the inputs that contributed to it."""

    record: Record
    sources: list[str] = field(default_factory=list)
    formats: set[str] = field(default_factory=set)
    inputs: list[str] = field(default_factory=list)


def _strong_keys(record: Record) -> list[str]:
    keys = []
    if record.pmid:
        keys.append(f"pmid:{record.pmid}")
    if record.doi:
        keys.append(f"doi:{record.doi}")
    if record.pmcid:
        keys.append(f"pmcid:{record.pmcid}")
    return keys


def _title_key(record: Record) -> str | None:
    title = normalised_title(record.title)
    if title is None:
        return None
    return f"title:{title}|{record.year if record.year is not None else ''}"


class PaperIndex:
    """Streaming identity resolution for papers (see module docstring)."""

    def __init__(self) -> None:
        self._clusters: dict[int, PaperCluster] = {}
        self._by_key: dict[str, int] = {}
        self._next = 0
        self.merged_records = 0
        self.conflicts: list[str] = []

    def __len__(self) -> int:
        return len(self._clusters)

    def clusters(self) -> Iterator[PaperCluster]:
        """Clusters in the order their first record was read."""
        return iter(self._clusters.values())

    def add(self, record: Record, input_name: str | None = None) -> None:
        """Merge ``record`` into the clusters it matches, or start a new one.

        ``input_name`` is the input the record was read from, when that is not the file its
        ``source`` names (records re-read from JSON Lines keep their original source).
        """
        source = f"{record.source.file}#{record.source.record}"
        read_from = input_name or record.source.file
        candidates = self._matching_clusters(record)
        if not candidates:
            cluster_id = self._next
            self._next += 1
            self._clusters[cluster_id] = PaperCluster(
                record, [source], {record.source.format}, [read_from]
            )
            self._index(cluster_id, record)
            return
        self.merged_records += 1
        target = candidates[0]
        cluster = self._clusters[target]
        cluster.record = merge_records(record, cluster.record)
        cluster.sources.append(source)
        cluster.formats.add(record.source.format)
        cluster.inputs.append(read_from)
        for other in candidates[1:]:
            absorbed = self._clusters.pop(other)
            cluster.record = merge_records(cluster.record, absorbed.record)
            cluster.sources.extend(absorbed.sources)
            cluster.formats |= absorbed.formats
            cluster.inputs.extend(absorbed.inputs)
            self._repoint(other, target)
        self._index(target, cluster.record)

    def delete(self, pmid: str) -> PaperCluster | None:
        """Remove the paper with ``pmid`` (a PubMed DeleteCitation); returns what was removed."""
        cluster_id = self._by_key.get(f"pmid:{pmid}")
        if cluster_id is None:
            return None
        cluster = self._clusters.pop(cluster_id)
        for key in [key for key, value in self._by_key.items() if value == cluster_id]:
            del self._by_key[key]
        return cluster

    def find(
        self, *, pmid: str | None = None, doi: str | None = None, pmcid: str | None = None
    ) -> PaperCluster | None:
        """The cluster holding any of these identifiers, if one was read."""
        for key in (
            f"pmid:{pmid}" if pmid else None,
            f"doi:{doi}" if doi else None,
            f"pmcid:{pmcid}" if pmcid else None,
        ):
            if key and key in self._by_key:
                return self._clusters[self._by_key[key]]
        return None

    def _matching_clusters(self, record: Record) -> list[int]:
        """Clusters ``record`` belongs with, never two papers of different PMIDs.

        Identifier matches come first (PMID, DOI, PMCID), the title last; each further
        cluster must agree on PMID with the record and with every cluster already chosen, so
        a PMID-less record cannot bridge two PMIDs.  A title match must also not contradict
        a DOI: two DOIs under one title are two papers (a comment and its reply).
        """
        keys = [(key, False) for key in _strong_keys(record)]
        title_key = _title_key(record)
        if title_key is not None:
            keys.append((title_key, True))
        chosen: list[int] = []
        pmids = {record.pmid} if record.pmid else set()
        dois = {record.doi} if record.doi else set()
        kept_apart = False
        for key, by_title in keys:
            cluster_id = self._by_key.get(key)
            if cluster_id is None or cluster_id in chosen:
                continue
            other = self._clusters[cluster_id].record
            if (other.pmid and pmids and other.pmid not in pmids) or (
                by_title and other.doi and dois and other.doi not in dois
            ):
                kept_apart = True
                continue
            chosen.append(cluster_id)
            pmids.update([other.pmid] if other.pmid else [])
            dois.update([other.doi] if other.doi else [])
        if kept_apart:
            self.conflicts.append(
                f"{record.source.file}#{record.source.record}: shares an identifier or title "
                "with a paper of another PMID or DOI; kept apart"
            )
        return sorted(chosen)

    def _index(self, cluster_id: int, record: Record) -> None:
        for key in _strong_keys(record):
            self._by_key.setdefault(key, cluster_id)
        title_key = _title_key(record)
        if title_key is not None:
            self._by_key.setdefault(title_key, cluster_id)

    def _repoint(self, old: int, new: int) -> None:
        for key, value in list(self._by_key.items()):
            if value == old:
                self._by_key[key] = new


def merge_records(primary: Record, secondary: Record) -> Record:
    """One record with everything both know; ``primary``'s values win where both have one.

    A later PubMed version (``VersionID``) is always primary.  Lists of labels (keywords,
    publication types) are united; authors come from the richer byline, with gaps (full
    forenames, ORCIDs, affiliations) filled from the other when the bylines agree.
    """
    if (secondary.version or 0) > (primary.version or 0):
        primary, secondary = secondary, primary
    values: dict[str, object] = {}
    for item in dataclasses.fields(Record):
        name = item.name
        mine, theirs = getattr(primary, name), getattr(secondary, name)
        if name == "source":
            values[name] = mine
        elif name == "authors":
            values[name] = _merge_authors(mine, theirs)
        elif name == "references":
            values[name] = _merge_references(mine, theirs)
        elif name in {"publication_types", "keywords", "other_ids", "mesh_headings"}:
            values[name] = tuple(dict.fromkeys((*mine, *theirs)))
        elif name == "abstract":
            values[name] = mine if _abstract_length(mine) >= _abstract_length(theirs) else theirs
        elif name == "abstract_truncated":
            values[name] = (
                mine
                if _abstract_length(primary.abstract) >= _abstract_length(secondary.abstract)
                else theirs
            )
        elif isinstance(mine, tuple):
            values[name] = mine or theirs
        else:
            values[name] = mine if mine is not None else theirs
    return Record(**values)  # type: ignore[arg-type]


def _abstract_length(sections: tuple[object, ...]) -> int:
    return sum(len(getattr(section, "text", "")) for section in sections)


def _author_richness(authors: tuple[Author, ...]) -> int:
    return (
        sum(
            2 * bool(author.fore_name) + bool(author.affiliations) + 3 * bool(author.orcid)
            for author in authors
        )
        + len(authors) * 4
    )


def _merge_authors(mine: tuple[Author, ...], theirs: tuple[Author, ...]) -> tuple[Author, ...]:
    if not mine or not theirs:
        return mine or theirs
    richer, poorer = (
        (mine, theirs) if _author_richness(mine) >= _author_richness(theirs) else (theirs, mine)
    )
    if len(richer) != len(poorer):
        return richer
    merged = []
    for rich, poor in zip(richer, poorer, strict=True):
        if (rich.last_name or "").lower() != (poor.last_name or "").lower():
            return richer
        merged.append(
            Author(
                last_name=rich.last_name,
                fore_name=rich.fore_name or poor.fore_name,
                initials=rich.initials or poor.initials,
                suffix=rich.suffix or poor.suffix,
                collective_name=rich.collective_name or poor.collective_name,
                orcid=rich.orcid or poor.orcid,
                identifiers=tuple(dict.fromkeys((*rich.identifiers, *poor.identifiers))),
                affiliations=rich.affiliations or poor.affiliations,
                email=rich.email or poor.email,
            )
        )
    return tuple(merged)


def _reference_key(reference: Reference) -> str:
    if reference.pmid:
        return f"pmid:{reference.pmid}"
    if reference.doi:
        return f"doi:{reference.doi}"
    return f"text:{(reference.citation or reference.title or '').lower()}"


def _merge_references(
    mine: tuple[Reference, ...], theirs: tuple[Reference, ...]
) -> tuple[Reference, ...]:
    if not theirs:
        return mine
    if not mine:
        return theirs
    seen = {_reference_key(reference) for reference in mine}
    return mine + tuple(ref for ref in theirs if _reference_key(ref) not in seen)
