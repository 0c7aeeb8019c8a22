"""The one prefix map of kg and the rule that turns a node id into an IRI.

Every RDF output, the ontology (``ontology/kg.ttl``) and the SPARQL queries use the prefixes
in :data:`PREFIXES`, so a prefix means the same namespace everywhere.

Node ids are ``scheme:local`` strings (DESIGN.md §3).  :func:`node_iri` maps them so that
identifiers with a public resolver become resolvable IRIs and everything else lands in the
project resource namespace ``kgr:``:

========================  ==============================================================
node id                   IRI
========================  ==============================================================
``pmid:39882532``         ``https://pubmed.ncbi.nlm.nih.gov/39882532``
``pmcid:PMC11774712``     ``https://www.ncbi.nlm.nih.gov/pmc/articles/PMC11774712``
``doi:10.3389/x(1)``      ``https://doi.org/10.3389/x(1)`` (DOI percent-encoded, below)
``orcid:0000-...-0097``   ``https://orcid.org/0000-...-0097``
``ror:05dxps055``         ``https://ror.org/05dxps055``
``DOID:7148``             ``http://purl.obolibrary.org/obo/DOID_7148`` (any OBO prefix)
``MESH:D012595``          ``http://id.nlm.nih.gov/mesh/D012595``
``author:chen-l``         ``https://w3id.org/kg/id/author/chen-l``
anything else ``s:l``     ``https://w3id.org/kg/id/<quote(s)>/<quote(l)>``
an id without a colon     ``https://w3id.org/kg/id/<quote(id)>``
========================  ==============================================================

Scheme names match case-insensitively (``PMID:1`` and ``pmid:1`` are the same paper).  DOIs
are percent-encoded with :func:`urllib.parse.quote` keeping ``/`` and the sub-delimiters that
are legal in an IRI path, which covers what the DOI Handbook requires (``%``, ``"``, ``#``,
space, ``?``) and recommends (``<>{}^[]`|\\+``).  In the ``kgr:`` namespace every character
other than letters, digits and ``-._~`` is percent-encoded, so the first ``/`` after the
namespace always separates scheme from local part.

:func:`node_id_from_iri` inverts the mapping for canonical ids (lower-case ``pmid``, ``doi``,
``orcid``, ``ror``, ``pmcid`` schemes; ``MESH`` and OBO prefixes in their usual spelling),
so SPARQL results can be joined back to graph nodes.
"""

from __future__ import annotations

import re
from typing import Final
from urllib.parse import quote, unquote

__all__ = [
    "KG",
    "KGR",
    "OBO_PREFIXES",
    "PREFIXES",
    "node_id_from_iri",
    "node_iri",
]

KG: Final = "https://w3id.org/kg/schema#"
KGR: Final = "https://w3id.org/kg/id/"
OBO: Final = "http://purl.obolibrary.org/obo/"

PREFIXES: Final[dict[str, str]] = {
    "kg": KG,
    "kgr": KGR,
    "pubmed": "https://pubmed.ncbi.nlm.nih.gov/",
    "pmc": "https://www.ncbi.nlm.nih.gov/pmc/articles/",
    "doi": "https://doi.org/",
    "orcid": "https://orcid.org/",
    "ror": "https://ror.org/",
    "obo": OBO,
    "mesh": "http://id.nlm.nih.gov/mesh/",
    "schema": "https://schema.org/",
    "fabio": "http://purl.org/spar/fabio/",
    "cito": "http://purl.org/spar/cito/",
    "bibo": "http://purl.org/ontology/bibo/",
    "prism": "http://prismstandard.org/namespaces/basic/2.0/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "biolink": "https://w3id.org/biolink/vocab/",
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}

# OBO Foundry prefixes kg may ground concepts to, keyed by lower case, valued in OBO spelling.
OBO_PREFIXES: Final[dict[str, str]] = {
    name.lower(): name
    for name in (
        "DOID", "CL", "GO", "UBERON", "CHEBI", "HP", "MONDO", "PR", "NCBITaxon", "SO",
        "OBI", "ECO", "MP", "RO", "BFO", "IAO", "OGMS", "MAXO", "CLO", "NCIT",
    )
}  # fmt: skip

# Schemes with a public resolver whose local part is used verbatim once it matches the
# pattern (which also makes it IRI-safe); keyed by lower-case scheme, valued
# (namespace, canonical scheme, local-part pattern).  A non-matching local part falls back
# to kgr: rather than minting a broken resolver IRI.
_RESOLVERS: Final[dict[str, tuple[str, str, re.Pattern[str]]]] = {
    "pmid": (PREFIXES["pubmed"], "pmid", re.compile(r"[0-9]+")),
    "pmcid": (PREFIXES["pmc"], "pmcid", re.compile(r"PMC[0-9]+")),
    "orcid": (PREFIXES["orcid"], "orcid", re.compile(r"[0-9]{4}-[0-9]{4}-[0-9]{4}-[0-9]{3}[0-9X]")),
    "ror": (PREFIXES["ror"], "ror", re.compile(r"0[a-z0-9]{8}")),
    "mesh": (PREFIXES["mesh"], "MESH", re.compile(r"[A-Z][0-9]+")),
}
_OBO_LOCAL: Final = re.compile(r"[A-Za-z0-9]+")
# RFC 3987 ipath characters that may stay literal in a DOI; the DOI Handbook's problem
# characters (% " # space ? < > { } ^ [ ] ` | \ +) are not among them and get encoded.
_DOI_SAFE: Final = "/:;()!$&'*,=@"


def node_iri(node_id: str) -> str:
    """The IRI of a node: a public resolver's when the scheme has one, else a ``kgr:`` IRI.

    Deterministic and total: any string maps to a valid absolute IRI, so writers never fail
    on an unexpected id; they only fall back to the project namespace.
    """
    scheme, sep, local = node_id.partition(":")
    if not sep:
        return KGR + quote(node_id, safe="")
    lowered = scheme.lower()
    if lowered == "doi" and local:
        return PREFIXES["doi"] + quote(local, safe=_DOI_SAFE)
    resolver = _RESOLVERS.get(lowered)
    if resolver is not None and resolver[2].fullmatch(local):
        return resolver[0] + local
    obo = OBO_PREFIXES.get(lowered)
    if obo is not None and _OBO_LOCAL.fullmatch(local):
        return f"{OBO}{obo}_{local}"
    return f"{KGR}{quote(scheme, safe='')}/{quote(local, safe='')}"


def node_id_from_iri(iri: str) -> str | None:
    """The canonical node id an IRI made by :func:`node_iri` stands for, or None if foreign."""
    if iri.startswith(KGR):
        scheme, sep, local = iri[len(KGR) :].partition("/")
        return f"{unquote(scheme)}:{unquote(local)}" if sep else unquote(scheme)
    if iri.startswith(PREFIXES["doi"]):
        return "doi:" + unquote(iri[len(PREFIXES["doi"]) :])
    for namespace, canonical, pattern in _RESOLVERS.values():
        local = iri[len(namespace) :]
        if iri.startswith(namespace) and pattern.fullmatch(local):
            return f"{canonical}:{local}"
    if iri.startswith(OBO):
        prefix, sep, local = iri[len(OBO) :].partition("_")
        if sep and prefix.lower() in OBO_PREFIXES:
            return f"{OBO_PREFIXES[prefix.lower()]}:{local}"
    return None
