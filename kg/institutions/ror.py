"""The ROR organisation index: built once from ROR's JSON records, shipped as a gzipped TSV.

ROR publishes its registry as JSON in two schemas (v1: ``name``/``aliases``/``acronyms``/
``addresses``; v2: typed ``names`` and ``locations``).  A build of the graph needs only the
names, place and parent links of each organisation, so ``kg lexicon ror`` flattens both
schemas into one sorted TSV under ``ontology/institutions/`` (a fresh machine has no copy of
ROR; the TSV is committed) and :func:`load_ror_index` reads it back.  Withdrawn records are
left out: ROR withdraws duplicates, whose names would only make matching ambiguous.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from kg.errors import ConfigError, CorruptInput
from kg.resources import data_dir

__all__ = [
    "RorOrganisation",
    "build_ror_index",
    "default_ror_path",
    "load_ror_index",
    "read_ror_records",
]

ROR_PREFIX = "https://ror.org/"
_COLUMNS = (
    "ror",
    "status",
    "name",
    "labels",
    "aliases",
    "acronyms",
    "country_code",
    "city",
    "region",
    "types",
    "parents",
)
_SEPARATOR = " | "


@dataclass(frozen=True, slots=True)
class RorOrganisation:
    """One ROR organisation as the matcher needs it; ``ror`` is the bare id (``01tgyzw49``)."""

    ror: str
    name: str
    status: str = "active"
    labels: tuple[str, ...] = ()  # the name in other languages
    aliases: tuple[str, ...] = ()
    acronyms: tuple[str, ...] = ()
    country_code: str | None = None
    city: str | None = None
    region: str | None = None
    types: tuple[str, ...] = ()
    parents: tuple[str, ...] = field(default=())  # bare ROR ids

    @property
    def iri(self) -> str:
        return ROR_PREFIX + self.ror

    def names(self) -> Iterator[str]:
        """Every full name: display name, labels, aliases (acronyms are kept apart)."""
        yield self.name
        yield from self.labels
        yield from self.aliases


def _bare(ror_id: str) -> str:
    return ror_id.removeprefix(ROR_PREFIX).strip()


def _from_v2(record: dict[str, Any]) -> RorOrganisation:
    names: dict[str, list[str]] = {"label": [], "alias": [], "acronym": []}
    display = None
    for entry in record.get("names", []):
        value = str(entry.get("value") or "").strip()
        kinds = entry.get("types") or []
        if not value:
            continue
        if "ror_display" in kinds:
            display = value
        for kind in ("acronym", "alias", "label"):
            if kind in kinds:
                names[kind].append(value)
                break
    location = (record.get("locations") or [{}])[0].get("geonames_details") or {}
    return RorOrganisation(
        ror=_bare(record["id"]),
        name=display or (names["label"] or names["alias"] or [record["id"]])[0],
        status=record.get("status", "active"),
        labels=tuple(value for value in names["label"] if value != display),
        aliases=tuple(names["alias"]),
        acronyms=tuple(names["acronym"]),
        country_code=location.get("country_code"),
        city=location.get("name"),
        region=location.get("country_subdivision_name"),
        types=tuple(str(kind) for kind in record.get("types", [])),
        parents=tuple(
            _bare(link["id"])
            for link in record.get("relationships", [])
            if link.get("type") == "parent"
        ),
    )


def _from_v1(record: dict[str, Any]) -> RorOrganisation:
    address = (record.get("addresses") or [{}])[0]
    admin1 = (address.get("geonames_city") or {}).get("geonames_admin1") or {}
    country = record.get("country") or {}
    return RorOrganisation(
        ror=_bare(record["id"]),
        name=record["name"],
        status=record.get("status", "active"),
        labels=tuple(str(label["label"]) for label in record.get("labels", []) if label),
        aliases=tuple(record.get("aliases", [])),
        acronyms=tuple(record.get("acronyms", [])),
        country_code=country.get("country_code"),
        city=address.get("city"),
        region=address.get("state") or admin1.get("name"),
        types=tuple(str(kind).lower() for kind in record.get("types", [])),
        parents=tuple(
            _bare(link["id"])
            for link in record.get("relationships", [])
            if str(link.get("type", "")).lower() == "parent"
        ),
    )


def read_ror_records(source: Path) -> Iterator[RorOrganisation]:
    """Every non-withdrawn organisation of the ROR JSON Lines files in ``source``.

    A file's schema is told by its records (v2 has ``names``), so the two dumps of
    ``shared/data/ror`` and a full ROR data dump converted to JSON Lines all read the same.
    """
    files = sorted(source.glob("*.jsonl.gz")) + sorted(source.glob("*.jsonl"))
    if not files:
        raise ConfigError(f"{source}: no ROR *.jsonl(.gz) files found")
    for path in files:
        opener = gzip.open if path.suffix == ".gz" else open
        with opener(path, "rt", encoding="utf-8") as stream:
            for number, line in enumerate(stream, start=1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                    organisation = _from_v2(record) if "names" in record else _from_v1(record)
                except (ValueError, KeyError, TypeError, IndexError) as error:
                    raise CorruptInput(
                        f"{path}:{number}: expected one ROR record as JSON ({error})"
                    ) from error
                if organisation.status != "withdrawn":
                    yield organisation


def _is_latin(name: str) -> bool:
    """Whether ``name`` is written mostly in Latin letters (PubMed affiliations are)."""
    letters = [char for char in name if char.isalpha()]
    return bool(letters) and sum(char < "\u0250" for char in letters) * 2 >= len(letters)


def _latin_only(organisation: RorOrganisation) -> RorOrganisation:
    """Drop names in other scripts: affiliations in records are romanised, and those names
    were two fifths of the index."""
    return replace(
        organisation,
        labels=tuple(name for name in organisation.labels if _is_latin(name)),
        aliases=tuple(name for name in organisation.aliases if _is_latin(name)),
        acronyms=tuple(name for name in organisation.acronyms if _is_latin(name)),
    )


def _cell(value: str | tuple[str, ...] | None) -> str:
    if value is None:
        return ""
    text = _SEPARATOR.join(value) if isinstance(value, tuple) else value
    return text.replace("\t", " ").replace("\n", " ")


def build_ror_index(source: Path, out: Path) -> tuple[Path, int]:
    """Write ``out/ror.tsv`` (sorted by id, later files win) and its manifest; return both."""
    organisations: dict[str, RorOrganisation] = {}
    for organisation in read_ror_records(source):
        organisations[organisation.ror] = _latin_only(organisation)
    out.mkdir(parents=True, exist_ok=True)
    target = out / "ror.tsv.gz"
    # mtime=0: the same records give the same bytes, so a rebuild changes nothing in git.
    with (
        target.open("wb") as raw,
        gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as packed,
        io.TextIOWrapper(packed, encoding="utf-8", newline="\n") as stream,
    ):
        stream.write("\t".join(_COLUMNS) + "\n")
        for key in sorted(organisations):
            row = organisations[key]
            values = [getattr(row, column) for column in _COLUMNS]
            stream.write("\t".join(_cell(value) for value in values) + "\n")
    inputs = {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(source.glob("*.jsonl*"))
    }
    manifest = {"rows": len(organisations), "inputs_sha256": inputs}
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return target, len(organisations)


def default_ror_path() -> Path:
    """The ROR index shipped with kg."""
    return data_dir("ontology") / "institutions" / "ror.tsv.gz"


def _split(cell: str) -> tuple[str, ...]:
    return tuple(value for value in cell.split(_SEPARATOR) if value) if cell else ()


def _parse_rows(lines: Iterable[str], path: Path) -> Iterator[RorOrganisation]:
    header = next(iter(lines), "").rstrip("\n").split("\t")
    if tuple(header) != _COLUMNS:
        raise CorruptInput(f"{path}:1: expected the ROR index header {'/'.join(_COLUMNS)}")
    for number, line in enumerate(lines, start=2):
        cells = line.rstrip("\n").split("\t")
        if len(cells) != len(_COLUMNS):
            raise CorruptInput(f"{path}:{number}: expected {len(_COLUMNS)} columns")
        ror, status, name, labels, aliases, acronyms, country, city, region, types, parents = cells
        yield RorOrganisation(
            ror=ror,
            name=name,
            status=status,
            labels=_split(labels),
            aliases=_split(aliases),
            acronyms=_split(acronyms),
            country_code=country or None,
            city=city or None,
            region=region or None,
            types=_split(types),
            parents=_split(parents),
        )


@lru_cache(maxsize=4)
def load_ror_index(path: Path | None = None) -> tuple[RorOrganisation, ...]:
    """The organisations of a ROR index TSV (default: the shipped one); cached per path."""
    target = path or default_ror_path()
    if not target.is_file():
        raise ConfigError(
            f"{target}: ROR index not found; build it with "
            "`kg lexicon ror --source DIR --out ontology/institutions`"
        )
    with gzip.open(target, "rt", encoding="utf-8") as stream:
        return tuple(_parse_rows(iter(stream), target))
