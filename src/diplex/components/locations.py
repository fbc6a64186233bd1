"""Component `diplex_locations` (to be written)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.factory("diplex_locations")
def make_locations(nlp: Language, name: str) -> "LocationsPlaceholder":
    return LocationsPlaceholder()


class LocationsPlaceholder:
    def __call__(self, doc: Doc) -> Doc:
        return doc
