"""Time slices: which papers count towards a network, by publication year.

A slice keeps the papers published from ``since`` to ``until`` (both inclusive, either open).
An edge of a sliced network rests only on the kept papers, so two people who wrote together
only in 2019 are not linked in a 2020-2021 slice.  A paper whose year is unknown cannot be
placed in a bounded slice and is left out of it; an open slice keeps every paper.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from kg.errors import ConfigError

__all__ = ["ALL_YEARS", "YearRange"]


@dataclass(frozen=True, slots=True)
class YearRange:
    """Publication years from ``since`` to ``until``, inclusive; ``None`` leaves a side open."""

    since: int | None = None
    until: int | None = None

    def __post_init__(self) -> None:
        if self.since is not None and self.until is not None and self.since > self.until:
            raise ConfigError(
                f"--since {self.since} is after --until {self.until}: "
                "expected a range of years with since <= until"
            )

    @property
    def bounded(self) -> bool:
        """True when at least one side is set, i.e. some papers may be left out."""
        return self.since is not None or self.until is not None

    def admits(self, year: int | None) -> bool:
        """Whether a paper of ``year`` counts; an unknown year counts only in an open slice."""
        if not self.bounded:
            return True
        if year is None:
            return False
        if self.since is not None and year < self.since:
            return False
        return self.until is None or year <= self.until

    def keep(self, papers: Sequence[str], years: Mapping[str, int | None]) -> Sequence[str]:
        """The papers of ``papers`` this slice keeps: ``papers`` itself (not a copy) when the
        slice is open, since a whole build's networks pass a million lists through here."""
        if not self.bounded:
            return papers
        return [paper for paper in papers if self.admits(years.get(paper))]

    def describe(self) -> str:
        """``all years``, ``2019-2021``, ``2019 onwards`` or ``up to 2021``."""
        if self.since is not None and self.until is not None:
            return str(self.since) if self.since == self.until else f"{self.since}-{self.until}"
        if self.since is not None:
            return f"{self.since} onwards"
        if self.until is not None:
            return f"up to {self.until}"
        return "all years"

    def as_dict(self) -> dict[str, int | None]:
        """For JSON output and the manifest."""
        return {"since": self.since, "until": self.until}


ALL_YEARS = YearRange()
