"""The files every page inlines: the sigma.js bundle, the page's script and its style.

They ship inside the package (``kg/views/assets/``): ``sigma-bundle.js`` is built from npm
by ``kg/views/js/build.mjs`` and committed, so neither users nor CI need Node.  An inlined
script must not contain ``</script`` or ``<!--`` (either would end or confuse the script
element early), which is checked here rather than trusted.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import Final

from kg.errors import OutputError

__all__ = ["asset", "script"]

_UNSAFE_IN_SCRIPT: Final = re.compile(r"</script|<!--", re.IGNORECASE)


@cache
def asset(name: str) -> str:
    """The text of a shipped asset."""
    try:
        return (resources.files("kg.views") / "assets" / name).read_text(encoding="utf-8")
    except OSError as error:
        raise OutputError(f"kg's view asset {name} is missing ({error}); reinstall kg") from error


def script(name: str) -> str:
    """A shipped script, checked safe to place inside a ``<script>`` element."""
    text = asset(name)
    if _UNSAFE_IN_SCRIPT.search(text):
        raise OutputError(f"kg's view asset {name} contains '</script' or '<!--'")
    return text
