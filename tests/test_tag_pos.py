"""``diplex_tag_pos`` gives the coarse POS tags the base model's attribute_ruler gives."""

from __future__ import annotations

from pathlib import Path

import spacy

from diplex.components.countries import add_tokenizer_rules
from diplex.components.tag_pos import tables_from_ruler
from diplex.pipeline import DEFAULT_MODEL, build_pipeline


def test_tables_read_the_ruler_patterns():
    tables = tables_from_ruler([
        {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN", "MORPH": "Number=Sing"}},
        {"patterns": [[{"TAG": "IN", "LOWER": {"IN": ["that", "if"]}}]],
         "attrs": {"POS": "SCONJ"}},
        {"patterns": [[{"DEP": "expl"}, {"LOWER": "is"}]], "attrs": {"POS": "VERB"}},
        {"patterns": [[{"LOWER": "not"}]], "attrs": {"LEMMA": "not"}},
    ])
    assert tables["rules"] == [
        {"pos": "NOUN", "tag": ["NN"]},
        {"pos": "SCONJ", "tag": ["IN"], "lower": ["that", "if"]},
    ]


def test_same_coarse_tags_as_the_attribute_ruler(corpus_dir: Path):
    ours = build_pipeline()
    ref = spacy.load(DEFAULT_MODEL, exclude=["lemmatizer"])
    add_tokenizer_rules(ref)
    texts = [p.read_text(encoding="utf-8") for p in sorted(corpus_dir.glob("*.txt"))[:20]]
    same = total = 0
    for a, b in zip(ours.pipe(texts), ref.pipe(texts), strict=True):
        ref_pos = {(t.idx, len(t), t.tag_): t.pos_ for t in b}
        for token in a:
            expected = ref_pos.get((token.idx, len(token), token.tag_))
            if expected is not None:
                total += 1
                same += token.pos_ == expected
    assert total > 3000
    assert same / total > 0.998
