"""The hand-labelled affiliation files (tests/data/affiliations/*.jsonl) are well formed.

Each file is a yardstick for the affiliation parser and ROR matcher, so a typo in it would
silently move the measured precision and recall.  These tests check only its shape: valid JSON,
the agreed keys and types, real ISO 3166-1 codes, well-formed ROR ids (with their checksum, so a
mistyped id is caught even in CI), unique ids, that no label uses an inactive ROR record (the
README's rule: the matcher leaves those records out, so a label using one would count against it),
and - when the shared ROR dump sits next to this checkout - that every ROR id is a record of the
dump.  Whether a label is *right* is a matter for
the README's guidelines, not for a test.
"""

from __future__ import annotations

import csv
import gzip
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from support import DATA, ROOT

from kg.institutions.ror import load_ror_index

LABELLED = DATA / "affiliations"
LABEL_FILES = sorted(LABELLED.glob("*.jsonl"))
ROR_INDEX = ROOT.parent / "shared" / "data" / "ror" / "ror_names_index.tsv.gz"

TOP_KEYS = {"id", "source", "pmid", "text", "country", "country_stated", "organisations"}
OPTIONAL_KEYS = {"note"}
ORG_KEYS = {
    "name",
    "ror",
    "parent",
    "parent_ror",
    "department",
    "city",
    "region",
    "postal_code",
    "country",
}
ROR_ID = re.compile(r"^https://ror\.org/(0[0-9a-hjkmnp-tv-z]{6}[0-9]{2})$")
CROCKFORD = "0123456789abcdefghjkmnpqrstvwxyz"


def _entries(path: Path) -> list[tuple[int, dict[str, Any]]]:
    entries = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        try:
            value = json.loads(line)
        except json.JSONDecodeError as error:
            pytest.fail(f"{path.name} line {number}: not JSON ({error})")
        assert isinstance(value, dict), f"{path.name} line {number}: not a JSON object"
        entries.append((number, value))
    return entries


def _ror_checksum_ok(identifier: str) -> bool:
    """ROR's check digits: 98 - (n * 100 mod 97), n the Crockford base-32 value of the rest."""
    value = 0
    for character in identifier[:7]:
        value = value * 32 + CROCKFORD.index(character)
    return 98 - (value * 100) % 97 == int(identifier[7:])


def _ror_ids(entry: dict[str, Any]) -> list[str]:
    return [org[key] for org in entry["organisations"] for key in ("ror", "parent_ror") if org[key]]


def _is_alpha_2(code: object) -> bool:
    import pycountry

    return isinstance(code, str) and pycountry.countries.get(alpha_2=code) is not None


def test_there_is_a_development_sample_and_held_out_samples() -> None:
    names = {path.name for path in LABEL_FILES}
    assert "gold.jsonl" in names
    assert len(names) >= 2


@pytest.mark.parametrize("path", LABEL_FILES, ids=lambda path: path.stem)
def test_the_sample_is_large_enough_and_its_ids_and_texts_are_unique(path: Path) -> None:
    entries = [entry for _, entry in _entries(path)]
    assert len(entries) >= (200 if path.name == "gold.jsonl" else 120)
    ids = [entry["id"] for entry in entries]
    assert len(set(ids)) == len(ids), "duplicate ids"
    prefix = re.escape(str(ids[0]).rsplit("-", 1)[0])
    assert all(re.fullmatch(prefix + r"-\d{3}", str(identifier)) for identifier in ids)
    texts = [entry["text"] for entry in entries]
    assert len(set(texts)) == len(texts), "the same affiliation string is labelled twice"


@pytest.mark.parametrize("path", LABEL_FILES, ids=lambda path: path.stem)
def test_every_entry_has_the_agreed_keys_and_types(path: Path) -> None:
    for number, entry in _entries(path):
        where = f"{path.name} line {number} ({entry.get('id')})"
        assert TOP_KEYS <= entry.keys() <= TOP_KEYS | OPTIONAL_KEYS, f"{where}: keys"
        assert isinstance(entry["source"], str) and entry["source"], where
        assert entry["pmid"] is None or re.fullmatch(r"\d+", entry["pmid"]), where
        assert isinstance(entry["text"], str) and entry["text"].strip(), where
        assert isinstance(entry["country_stated"], bool), where
        assert isinstance(entry.get("note", ""), str), where
        assert isinstance(entry["organisations"], list), where
        for org in entry["organisations"]:
            assert org.keys() == ORG_KEYS, f"{where}: organisation keys {sorted(org)}"
            assert isinstance(org["name"], str) and org["name"].strip(), where
            for key in ORG_KEYS - {"name"}:
                assert org[key] is None or isinstance(org[key], str), f"{where}: {key}"
            assert org["parent_ror"] is None or org["parent"], f"{where}: parent_ror, no parent"


@pytest.mark.parametrize("path", LABEL_FILES, ids=lambda path: path.stem)
def test_country_codes_are_iso_3166_alpha_2(path: Path) -> None:
    for number, entry in _entries(path):
        where = f"{path.name} line {number} ({entry['id']})"
        if entry["country_stated"]:
            assert entry["country"] is not None, f"{where}: stated but no country"
        assert entry["country"] is None or _is_alpha_2(entry["country"]), where
        for org in entry["organisations"]:
            assert org["country"] is None or _is_alpha_2(org["country"]), where


@pytest.mark.parametrize("path", LABEL_FILES, ids=lambda path: path.stem)
def test_ror_ids_are_well_formed(path: Path) -> None:
    for number, entry in _entries(path):
        for ror in _ror_ids(entry):
            match = ROR_ID.match(ror)
            assert match, f"{path.name} line {number}: {ror!r} is not a ROR id URL"
            assert _ror_checksum_ok(match.group(1)), f"{path.name} line {number}: {ror} checksum"


def test_ror_checksum_rejects_a_mistyped_id() -> None:
    assert _ror_checksum_ok("03vek6s52")  # Harvard University
    assert not _ror_checksum_ok("03vek6s53")
    assert not _ror_checksum_ok("03vek7s52")


@pytest.mark.skipif(not ROR_INDEX.is_file(), reason="shared/data/ror is not present")
@pytest.mark.parametrize("path", LABEL_FILES, ids=lambda path: path.stem)
def test_every_ror_id_is_a_record_of_the_shared_dump(path: Path) -> None:
    with gzip.open(ROR_INDEX, "rt", encoding="utf-8", newline="") as lines:
        known = {row["ror_id"] for row in csv.DictReader(lines, delimiter="\t")}
    missing = [
        (entry["id"], ror)
        for _, entry in _entries(path)
        for ror in _ror_ids(entry)
        if ror not in known
    ]
    assert not missing, f"ROR ids not in {Path(ROR_INDEX).name}: {missing}"


@pytest.mark.parametrize("path", LABEL_FILES, ids=lambda path: path.stem)
def test_no_label_uses_an_inactive_ror_record(path: Path) -> None:
    inactive = _inactive_ror_ids()
    used = [
        (entry["id"], ror)
        for _, entry in _entries(path)
        for ror in _ror_ids(entry)
        if ror.removeprefix("https://ror.org/") in inactive
    ]
    assert not used, f"{path.name}: inactive ROR records used (README: null instead): {used}"


@cache
def _inactive_ror_ids() -> frozenset[str]:
    return frozenset(o.ror for o in load_ror_index() if o.status != "active")
