"""Server addresses as they may appear in messages: never with credentials.

Users write ``bolt://neo4j:secret@host:7687`` or ``http://user:pw@host/ds?token=...``; every
message a loader prints goes through :func:`shown_url`, so a password or token in an address
never reaches a terminal or a log.
"""

from __future__ import annotations

import urllib.parse

__all__ = ["shown_url"]


def shown_url(url: str, *, keep_path: bool = True) -> str:
    """``url`` without user information, query string or fragment (and without its path
    unless ``keep_path``)."""
    parts = urllib.parse.urlsplit(url)
    try:
        port = parts.port
    except ValueError:
        port = None
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    netloc = host if port is None else f"{host}:{port}"
    path = parts.path if keep_path else ""
    return urllib.parse.urlunsplit((parts.scheme, netloc, path, "", ""))
