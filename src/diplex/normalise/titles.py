"""Headlines without the site's name: "Foreign Secretary meets X - GOV.UK" -> "Foreign
Secretary meets X" (no spaCy).

A page's ``<title>`` (and many text dumps' headline line) carries the site's name before or
after the headline, set off by a separator. The corpus rules drop such prefixes and suffixes
(``title``: "site or aggregator prefixes and suffixes are dropped"). The rule here: split the
headline at its separators; while more than one segment is left, drop the first or the last
segment where it is, as a whole, the name of a site. Everything else is kept, so a headline
holding a separator for its own sake ("Japan-Australia Summit - Joint Statement") is left
whole.

The words are data:

- separators: ``models/layout.jsonl`` rows of kind ``title_separator`` (regexes: " - ",
  " | ", " – ", " :: " ...);
- site names: the publisher table's page names (``ministry``, ``government`` and ``site`` of
  ``models/publishers.jsonl``: "Ministry of Foreign Affairs of Japan", "GOV.UK", "Global
  Affairs Canada"), and ``models/layout.jsonl`` rows of kind ``title_site`` for the names
  that name no one publisher (regexes matched against the whole segment: "Press
  releases", "Ministry of Foreign Affairs", aggregators).
"""

from __future__ import annotations

from collections.abc import Iterable

import regex

from .publishers import PAGE_FIELDS, PublisherTable

_TRIM = " \t\u00a0.,;:"
"""Characters around a segment that do not count in its name."""


class TitleTrimmer:
    """Drops site names at either end of a headline (see the module docstring).

    Args:
        separators: regexes of the separators between a headline and a site's name.
        sites: regexes of site names that are no publisher's (each matched against a
            whole segment, case-insensitive).
        publishers: the publisher table, whose page names are site names.

    Raises:
        regex.error: a pattern does not compile.
    """

    def __init__(self, separators: Iterable[str], sites: Iterable[str],
                 publishers: PublisherTable) -> None:
        parts = [f"(?:{p})" for p in separators]
        self.separator = regex.compile("|".join(parts)) if parts else None
        self.sites = [regex.compile(p, regex.I) for p in sites]
        self.publishers = publishers

    def names_site(self, segment: str) -> bool:
        """True where ``segment`` as a whole is a site's name ("GOV.UK", "Ministry of
        Foreign Affairs of Japan", "Press releases")."""
        name = segment.strip(_TRIM)
        if not name:
            return False
        if any(p.fullmatch(name) for p in self.sites):
            return True
        return any(h.start == 0 and h.end == len(name)
                   for h in self.publishers.find(name, PAGE_FIELDS))

    def bounds(self, title: str) -> tuple[int, int]:
        """The part of ``title`` to keep.

        Args:
            title: a headline as the page prints it.

        Returns:
            ``(start, end)``: offsets into ``title`` of the headline without the site's
            name at either end, its own spaces trimmed; ``(0, len(title))`` where there is
            nothing to drop.
        """
        if self.separator is None:
            return 0, len(title)
        cuts = [(m.start(), m.end()) for m in self.separator.finditer(title)
                if m.end() > m.start()]
        # segment i runs from the end of cut i-1 to the start of cut i
        edges = [0] + [end for _, end in cuts], [start for start, _ in cuts] + [len(title)]
        first, last = 0, len(cuts)
        while first < last and self.names_site(title[edges[0][first] : edges[1][first]]):
            first += 1
        while last > first and self.names_site(title[edges[0][last] : edges[1][last]]):
            last -= 1
        start, end = edges[0][first], edges[1][last]
        kept = title[start:end]
        start += len(kept) - len(kept.lstrip())
        end -= len(kept) - len(kept.rstrip())
        return (start, end) if end > start else (0, len(title))

    def trim(self, title: str) -> str:
        """``title`` without the site's name at either end (see :meth:`bounds`)."""
        start, end = self.bounds(title)
        return title[start:end]


__all__ = ["TitleTrimmer"]
