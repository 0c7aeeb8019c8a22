"""The test servers' random passwords must survive being passed on a command line."""

from __future__ import annotations

from servers.neo4j import new_password


def test_a_neo4j_password_is_never_read_as_an_option() -> None:
    # A url-safe token began with '-' one run in 64 and neo4j-admin refused to start the
    # server; two thousand draws would almost surely have produced one.
    drawn = [new_password() for _ in range(2000)]
    assert not [password for password in drawn if password.startswith("-")]
    assert len(set(drawn)) == len(drawn)
    assert min(map(len, drawn)) >= 24
