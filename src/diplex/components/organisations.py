"""Component `diplex_organisations` (to be written)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.factory("diplex_organisations")
def make_organisations(nlp: Language, name: str) -> "OrganisationsPlaceholder":
    return OrganisationsPlaceholder()


class OrganisationsPlaceholder:
    def __call__(self, doc: Doc) -> Doc:
        return doc
