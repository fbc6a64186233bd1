"""Component `diplex_countries` (to be written)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.factory("diplex_countries")
def make_countries(nlp: Language, name: str) -> "CountriesPlaceholder":
    return CountriesPlaceholder()


class CountriesPlaceholder:
    def __call__(self, doc: Doc) -> Doc:
        return doc
