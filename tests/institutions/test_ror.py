"""The ROR index: both ROR schemas flattened to one TSV, read back unchanged."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from support import DATA

from kg.errors import ConfigError, CorruptInput
from kg.institutions.ror import build_ror_index, load_ror_index, read_ror_records

SAMPLE = DATA / "ror"


def test_both_schemas_are_read_and_withdrawn_records_left_out() -> None:
    organisations = {o.ror: o for o in read_ror_records(SAMPLE)}
    raw = [json.loads(line) for path in SAMPLE.glob("*.jsonl") for line in path.open()]
    withdrawn = {
        r["id"].removeprefix("https://ror.org/") for r in raw if r["status"] == "withdrawn"
    }
    assert withdrawn and not withdrawn & organisations.keys()
    imcb = organisations["04xpsrn94"]  # schema v2
    assert imcb.name == "Institute of Molecular and Cell Biology"
    assert (imcb.country_code, imcb.city) == ("SG", "Singapore")
    assert imcb.parents == ("03xy0wx88",)
    clinic = organisations["000ph9k36"]  # schema v1 only
    assert clinic.name == "Universitäts-Kinderklinik Würzburg"
    assert clinic.country_code == "DE" and clinic.parents == ("03pvr2g57",)


def test_index_round_trips_and_is_byte_identical_on_rebuild(tmp_path: Path) -> None:
    target, rows = build_ror_index(SAMPLE, tmp_path / "a")
    again, _ = build_ror_index(SAMPLE, tmp_path / "b")
    assert target.read_bytes() == again.read_bytes()
    loaded = {o.ror: o for o in load_ror_index(target)}
    assert len(loaded) == rows
    nus = loaded["01tgyzw49"]
    assert nus.name == "National University of Singapore" and "NUS" in nus.acronyms
    # Names in other scripts are dropped; romanised ones stay.
    korea = loaded["01fpnj063"]
    assert all(name.isascii() for name in korea.names())


def test_shipped_index_is_the_one_the_build_uses() -> None:
    organisations = load_ror_index()
    assert len(organisations) > 40_000
    assert len({o.ror for o in organisations}) == len(organisations)


def test_bad_inputs_say_where(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no ROR"):
        list(read_ror_records(tmp_path))
    (tmp_path / "bad.jsonl").write_text('{"id": "https://ror.org/0abc"}\nnot json\n')
    with pytest.raises(CorruptInput, match=r"bad\.jsonl:1"):
        list(read_ror_records(tmp_path))
    index = tmp_path / "ror.tsv.gz"
    with gzip.open(index, "wt") as stream:
        stream.write("wrong\theader\n")
    with pytest.raises(CorruptInput, match="header"):
        load_ror_index(index)
    with pytest.raises(ConfigError, match="kg lexicon ror"):
        load_ror_index(tmp_path / "missing.tsv.gz")
