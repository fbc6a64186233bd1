"""Component ``diplex_countries``: sovereign states named in the text, as COUNTRY spans.

Each COUNTRY span's value is the state's ISO 3166-1 alpha-3 code; its rule id tells how it
was found (:mod:`diplex.normalise.countries`):

- ``country.name``: an ISO name from pycountry ("Japan", "the Russian Federation");
- ``country.alias``: a hand-listed alias or acronym ("U.S.", "ROK", "Britain", "Lao PDR");
- ``country.demonym``: an adjective standing for the state ("Japanese", "the Chinese side",
  "Australian Prime Minister");
- ``country.possessive``: a name or alias with a possessive 's ("Russia's aggression"); the
  span covers the name only.

How matching works (spaCy ``PhraseMatcher``\\ s built once in :meth:`load_assets`):

- acronyms match exactly as written ("US", not "us"); one-word names and demonyms as written
  or in capitals ("Japan", "JAPAN"; "turkey" is no state); names of two or more words
  whatever their case ("REPUBLIC OF KOREA"); accent-less and straight-apostrophe variants
  are added ("Turkiye", "Cote d'Ivoire");
- the longest match wins ("Papua New Guinea" over "Guinea", "South Sudan" over "Sudan",
  "North Korean" over "Korean");
- blockers take part in the longest-match contest and, where they win, hide the state:
  dependent territories ("American Samoa"), listed phrases ("Korean Peninsula",
  "inter-Korean", "Latin America") and organisation names ("Organization of American
  States");
- a match followed by a head word of ``not_countries.jsonl`` ("Taiwan Strait", "South China
  Sea", "Indian Ocean", "Mexico City", "Taiwan Affairs Office") or preceded by a "before"
  phrase ("Sea of Japan", "Gulf of Mexico") is dropped;
- an acronym that is also an English word ("US") is skipped inside an all-capitals line.

Capitals used for their governments ("Beijing", "Washington") and regions ("East Asia",
"Indo-Pacific") are not states and get no span.

Hyphenated pairs and triples ("Japan-U.S.-ROK", "Japan-United Kingdom(UK)-Australia"):
spaCy's English tokenizer keeps "U.S.-ROK" as one token, so :func:`add_tokenizer_rules`
adds infix rules that split a hyphen or dash after an abbreviation's final period and a
parenthesis glued between words. Every state of a pair then is its own token span.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.util import compile_infix_regex

from ..normalise.countries import (
    RULE_DEMONYM,
    RULE_POSSESSIVE,
    CountryForm,
    CountryTable,
    load_table,
    strip_accents,
)
from ..rules import read_table
from ..spans import add_span
from .base import AssetComponent

EXTRA_INFIXES: tuple[str, ...] = (
    r"(?<=[A-Z]\.)[-\u2010-\u2015](?=[A-Za-z])",  # "U.S.-ROK", "U.K.-Japan", "U.S.–Japan"
    r"(?<=[A-Za-z])\((?=[A-Za-z])",  # "Kingdom(UK)"
    r"(?<=[A-Za-z])\)(?=[-\u2010-\u2015A-Za-z])",  # "(UK)-Australia"
    r"(?<=\))[-\u2010-\u2015](?=[A-Za-z])",  # ")-Australia"
)
"""Infix rules added to the pipeline's tokenizer by :func:`add_tokenizer_rules`."""

_POSSESSIVE_TOKENS = frozenset({"'s", "\u2019s", "'", "\u2019"})


def add_tokenizer_rules(nlp: Language) -> None:
    """Add :data:`EXTRA_INFIXES` to ``nlp``'s tokenizer (idempotent).

    Splits "Japan-U.S.-ROK" into five tokens and "United Kingdom(UK)-Australia" into
    "United", "Kingdom", "(", "UK", ")", "-", "Australia", so that each state of a
    hyphenated pair is its own token. Only strings spaCy's default rules leave whole are
    affected. The rules are saved with the tokenizer by ``nlp.to_disk``.
    """
    tokenizer: Any = nlp.tokenizer
    finditer = getattr(tokenizer, "infix_finditer", None)
    current = getattr(getattr(finditer, "__self__", None), "pattern", None)
    if current is None or EXTRA_INFIXES[0] in current:
        return
    tokenizer.infix_finditer = compile_infix_regex([current, *EXTRA_INFIXES]).finditer


def form_variants(text: str) -> list[str]:
    """Written variants of a form: as listed, straight/curly apostrophes, accent-less."""
    out = [text]
    for cand in (text.replace("\u2019", "'"), text.replace("'", "\u2019"), strip_accents(text)):
        if cand not in out:
            out.append(cand)
    return out


_CAPS_WORD = re.compile(r"^[A-Z][A-Z.'\u2019]+$")
_LINE_WINDOW = 12


def in_caps_line(doc: Doc, start: int, end: int, known: frozenset[str] = frozenset()) -> bool:
    """True where ``[start, end)`` stands in a shouted line ("WHAT IT MEANS FOR US").

    The words of two letters or more on the same line, up to 12 tokens either side, are
    looked at, leaving out the match itself and the ``known`` acronyms (ROK, NATO...): the
    line is shouted where at least two such words remain and all of them are in capitals.
    """
    words: list[str] = []
    for step, index in ((-1, start - 1), (1, end)):
        seen = 0
        while 0 <= index < len(doc) and seen < _LINE_WINDOW:
            tok = doc[index]
            if "\n" in tok.text:
                break
            if tok.is_alpha and len(tok.text) > 1 and tok.text not in known:
                words.append(tok.text)
            index += step
            seen += 1
    return len(words) >= 2 and all(_CAPS_WORD.match(w) for w in words)


def select_longest(candidates: list[tuple[int, int, int, Any]]) -> list[tuple[int, int, Any]]:
    """Pick non-overlapping matches, longest first, then earliest, then lowest priority.

    Args:
        candidates: ``(start, end, priority, payload)`` token ranges; a lower priority wins
            a tie of equal length and start.

    Returns:
        ``(start, end, payload)`` of the kept matches, in text order.
    """
    ordered = sorted(candidates, key=lambda c: (-(c[1] - c[0]), c[0], c[2]))
    taken: set[int] = set()
    kept = []
    for start, end, _prio, payload in ordered:
        if any(i in taken for i in range(start, end)):
            continue
        taken.update(range(start, end))
        kept.append((start, end, payload))
    return sorted(kept, key=lambda k: k[0])


class CountriesComponent(AssetComponent):
    """spaCy component adding COUNTRY spans (see the module docstring for the rules).

    Args:
        nlp: the pipeline; its tokenizer gets :func:`add_tokenizer_rules`.
        name: component name.
        assets: folder with ``countries.jsonl``, ``not_countries.jsonl`` and
            ``organisations.jsonl``; None for the bundled ``models/``.
    """

    asset_names = ("countries.jsonl", "not_countries.jsonl", "organisations.jsonl")

    def __init__(self, nlp: Language, name: str, assets: str | None = None) -> None:
        add_tokenizer_rules(nlp)
        super().__init__(nlp, name, assets)

    def load_assets(self, folder: Path | None) -> None:
        """Build the matchers from the asset files in ``folder`` (None: bundled)."""
        org_names: list[str] = []
        for rec in read_table(self.asset("organisations.jsonl", folder)):
            org_names.extend(n for n in [rec.get("name", ""), *rec.get("aliases", [])] if " " in n)
        self.table: CountryTable = load_table(folder, extra_blockers=org_names)
        vocab = self.nlp.vocab
        self.exact = PhraseMatcher(vocab, attr="ORTH")
        self.folded = PhraseMatcher(vocab, attr="LOWER")
        self.blocker_matcher = PhraseMatcher(vocab, attr="LOWER")
        self.forms: dict[str, CountryForm] = {}
        make = self.nlp.make_doc
        for index, form in enumerate(self.table.forms):
            key = f"F{index}"
            self.forms[key] = form
            variants = form_variants(form.text)
            docs = [make(v) for v in variants]
            if form.exact:
                self.exact.add(key, docs)
            elif len(docs[0]) == 1:
                upper = [make(v.upper()) for v in variants if v.upper() != v]
                self.exact.add(key, docs + upper)
            else:
                self.folded.add(key, docs)
        blocker_docs = [make(v) for phrase in self.table.blockers for v in form_variants(phrase)]
        self.blocker_matcher.add("BLOCK", [d for d in blocker_docs if len(d) > 1])
        self.known_acronyms = frozenset(f.text for f in self.table.forms if f.exact)
        self.head_max = max((len(h.split()) for h in self.table.heads), default=0)
        self.before_max = max((len(b.split()) for b in self.table.befores), default=0)

    def _followed_by_head(self, doc: Doc, end: int) -> bool:
        for n in range(1, self.head_max + 1):
            if end + n > len(doc):
                break
            if " ".join(t.lower_ for t in doc[end : end + n]) in self.table.heads:
                return True
        return False

    def _preceded_by_before(self, doc: Doc, start: int) -> bool:
        for n in range(1, self.before_max + 1):
            if start - n < 0:
                break
            if " ".join(t.lower_ for t in doc[start - n : start]) in self.table.befores:
                return True
        return False

    def process(self, doc: Doc) -> None:
        """Add a COUNTRY span for each state reference in ``doc``."""
        strings = self.nlp.vocab.strings
        candidates: list[tuple[int, int, int, Any]] = []
        for matcher in (self.exact, self.folded):
            for match_id, start, end in matcher(doc):
                form = self.forms[strings[match_id]]
                if form.caps_guard and in_caps_line(doc, start, end, self.known_acronyms):
                    continue
                candidates.append((start, end, 0, form))
        if not candidates:
            return
        for _mid, start, end in self.blocker_matcher(doc):
            candidates.append((start, end, 1, None))
        for start, end, form in select_longest(candidates):
            if form is None:
                continue
            if self._followed_by_head(doc, end) or self._preceded_by_before(doc, start):
                continue
            rule = form.rule
            if rule != RULE_DEMONYM and end < len(doc) and doc[end].text in _POSSESSIVE_TOKENS:
                rule = RULE_POSSESSIVE
            add_span(doc, start, end, "COUNTRY", form.code, rule, form.confidence)


@Language.factory("diplex_countries", default_config={"assets": None})
def make_countries(nlp: Language, name: str, assets: str | None) -> CountriesComponent:
    """Create the ``diplex_countries`` component (``assets``: asset folder or None)."""
    return CountriesComponent(nlp, name, assets)
