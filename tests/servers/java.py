"""Finding a Java runtime recent enough for the test servers (Fuseki, Neo4j)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path


class JavaMissing(Exception):
    """No ``java``, or one older than a server needs; the message says which."""


def find_java(minimum: int, needed_by: str) -> str:
    """The ``java`` of $JAVA_HOME or the PATH, if it is version ``minimum`` or later."""
    home = os.environ.get("JAVA_HOME")
    java = str(Path(home) / "bin" / "java") if home else shutil.which("java")
    if not java or not Path(java).is_file():
        raise JavaMissing(f"no java found ({needed_by} needs Java {minimum}+)")
    result = subprocess.run(
        [java, "-version"], capture_output=True, text=True, check=False, timeout=60
    )
    found = re.search(r'version "(\d+)', result.stderr + result.stdout)
    if not found or int(found.group(1)) < minimum:
        shown = (result.stderr or result.stdout).splitlines()[:1]
        raise JavaMissing(f"{java} is not Java {minimum}+ ({shown})")
    return java
