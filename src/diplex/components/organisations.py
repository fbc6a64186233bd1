"""Component ``diplex_organisations``: international organisations as ORG spans.

Each ORG span's value is ``{"name": str, "acronym": str | None}`` from the gazetteer
``models/organisations.jsonl`` (see :mod:`diplex.normalise.organisations`); its rule id is
``org.name``, ``org.alias`` or ``org.acronym``.

How matching works (spaCy ``PhraseMatcher``\\ s built once in :meth:`load_assets`):

- acronyms and short forms match exactly as written ("EU", not "eu"; "EU" is no match
  inside the token "EUR"; "Quad" needs its capital); names of two or more words match
  whatever their case ("united nations security council"); one-word names as written;
- the longest match wins: "UN Security Council" is the Security Council, not the UN; "NATO
  Parliamentary Assembly" is the Assembly; "NATO Summit" and "G7 Hiroshima Summit" are NATO
  and the G7 (a mention of the organisation);
- per-entry guards: ``preceded_by`` ("the Commonwealth", not "Commonwealth of Australia"),
  ``not_preceded_by`` ("National Security Council" is no UN organ), ``not_followed_by``;
  ``caps_guard`` acronyms ("WHO") are skipped inside an all-capitals line.

A name and its acronym written together ("North Atlantic Treaty Organization (NATO)") give
two ORG spans with the same value; ``assemble`` keeps one organisation per value. Roles
(participant / mentioned) are not decided here.

National ministries, parliaments, parties, companies, NGOs, sports bodies (FIFA) and armed
groups are not in the gazetteer, so they get no span; nor do treaties (NPT, CPTPP).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from ..normalise.organisations import CONFIDENCE, RULE_ACRONYM, Gazetteer, OrgForm, load_gazetteer
from ..spans import add_span
from .base import AssetComponent
from .countries import add_tokenizer_rules, form_variants, in_caps_line, select_longest


class OrganisationsComponent(AssetComponent):
    """spaCy component adding ORG spans (see the module docstring for the rules).

    Args:
        nlp: the pipeline; its tokenizer gets the hyphen rules of
            :func:`diplex.components.countries.add_tokenizer_rules` ("NATO-EU", "E.U.-Japan").
        name: component name.
        assets: folder with ``organisations.jsonl``; None for the bundled ``models/``.
    """

    asset_names = ("organisations.jsonl",)

    def __init__(self, nlp: Language, name: str, assets: str | None = None) -> None:
        add_tokenizer_rules(nlp)
        super().__init__(nlp, name, assets)

    def load_assets(self, folder: Path | None) -> None:
        """Build the matchers from ``organisations.jsonl`` in ``folder`` (None: bundled)."""
        self.gazetteer: Gazetteer = load_gazetteer(folder)
        vocab = self.nlp.vocab
        self.exact = PhraseMatcher(vocab, attr="ORTH")
        self.folded = PhraseMatcher(vocab, attr="LOWER")
        self.forms: dict[str, OrgForm] = {}
        self.known_acronyms = frozenset(f.text for f in self.gazetteer.forms if f.exact)
        make = self.nlp.make_doc
        for index, form in enumerate(self.gazetteer.forms):
            key = f"O{index}"
            self.forms[key] = form
            docs = [make(v) for v in form_variants(form.text)]
            if form.exact or len(docs[0]) == 1:
                self.exact.add(key, docs)
            else:
                self.folded.add(key, docs)

    def _allowed(self, doc: Doc, start: int, end: int, form: OrgForm) -> bool:
        entry = form.entry
        before = doc[start - 1].lower_ if start > 0 else ""
        after = doc[end].lower_ if end < len(doc) else ""
        if entry.preceded_by and before not in entry.preceded_by:
            return False
        if before and before in entry.not_preceded_by:
            return False
        if after and after in entry.not_followed_by:
            return False
        shouted = entry.caps_guard and form.rule == RULE_ACRONYM
        if shouted and in_caps_line(doc, start, end, self.known_acronyms):
            return False
        return True

    def process(self, doc: Doc) -> None:
        """Add an ORG span for each organisation named in ``doc``."""
        strings = self.nlp.vocab.strings
        candidates: list[tuple[int, int, int, Any]] = []
        for matcher in (self.exact, self.folded):
            for match_id, start, end in matcher(doc):
                form = self.forms[strings[match_id]]
                if self._allowed(doc, start, end, form):
                    candidates.append((start, end, 0, form))
        for start, end, form in select_longest(candidates):
            add_span(doc, start, end, "ORG", form.entry.value, form.rule,
                     CONFIDENCE[form.rule])


@Language.factory("diplex_organisations", default_config={"assets": None})
def make_organisations(nlp: Language, name: str, assets: str | None) -> OrganisationsComponent:
    """Create the ``diplex_organisations`` component (``assets``: asset folder or None)."""
    return OrganisationsComponent(nlp, name, assets)
