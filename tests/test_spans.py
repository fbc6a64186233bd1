"""The span store of diplex components (diplex.spans): values written by ``add_span`` are
read the same through the span extensions and through the direct readers."""

from __future__ import annotations

import spacy

from diplex.spans import (
    _VALUES,
    add_span,
    rules_folder,
    span_confidence,
    span_rule,
    span_value,
    spans,
)


def test_direct_readers_agree_with_the_span_extensions() -> None:
    nlp = spacy.blank("en")
    doc = nlp("Minister Ito met Foreign Minister Wong in Tokyo on 3 May.")
    add_span(doc, 0, 2, "OFFICIAL", {"name": "Ito"}, "officials.test", 0.8)
    add_span(doc, 0, 2, "COUNTRY", "JPN", "countries.test", 0.5)  # same text, other label
    add_span(doc, 10, 12, "DATE", {"year": None, "month": 5, "day": 3}, "dates.test", 0.9)
    # the readers go to the store spaCy keeps the extension in; a spaCy that moved it
    # would fail here rather than make every value None
    assert doc.user_data[_VALUES] is doc._.diplex_values
    found = {(s.label_, s.start): s for s in spans(doc)}
    assert len(found) == 3
    for span in found.values():
        assert span_value(span) == span._.diplex_value
        assert span_rule(span) == span._.diplex_rule
        assert span_confidence(span) == span._.diplex_confidence
    assert span_value(found[("COUNTRY", 0)]) == "JPN"
    assert span_rule(found[("OFFICIAL", 0)]) == "officials.test"
    assert span_confidence(found[("DATE", 10)]) == 0.9


def test_readers_give_none_for_spans_diplex_did_not_add() -> None:
    nlp = spacy.blank("en")
    doc = nlp("No diplex spans here.")
    other = doc[0:2]
    assert span_value(other) is None and span_rule(other) is None
    add_span(doc, 2, 3, "TOPIC", "spans", "topics.test", 0.6)
    assert span_value(doc[0:2]) is None and span_confidence(doc[0:2]) is None


def test_kept_text_is_the_docs_text() -> None:
    """``keep_text`` spares ``doc_text`` rebuilding the text; it must be the Doc's own."""
    from diplex.spans import doc_text, keep_text

    nlp = spacy.blank("en")
    text = "  Minister Ito\n\nmet  Ms. Wong (Tokyo).\t"
    doc = keep_text(nlp.make_doc(text), text)
    assert doc_text(doc) == doc.text == text


def test_rules_folder_reads_the_extension_store() -> None:
    """``rules_folder`` reads where spaCy keeps ``doc._.diplex_rules``: None until a
    component sets it, then the folder set."""
    nlp = spacy.blank("en")
    doc = nlp("Minister Ito met Foreign Minister Wong.")
    assert rules_folder(doc) is None
    doc._.diplex_rules = "/tmp/my-rules"
    assert rules_folder(doc) == "/tmp/my-rules"
    doc._.diplex_rules = None
    assert rules_folder(doc) is None
