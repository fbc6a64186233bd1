"""The loader of cue rows (``diplex.cues``) and the shipped cue rows it compiles."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from diplex import assemble, roles
from diplex.assets import asset_path
from diplex.components.datetimes import LEXICON, DatetimeGrammar
from diplex.cues import alternation, compile_kind, expand_pieces, fill, flat_alternation
from diplex.rules import read_table

ROW = {"kind": "layout", "name": "iso", "pattern": r"(?P<y>{year})-\d{2}", "flags": "i",
       "meaning": "test"}


def test_slots_are_filled_and_quantifiers_kept():
    compiled = compile_kind([ROW], "layout", {"year": r"\d{4}"})
    assert compiled["iso"].pattern == r"(?P<y>\d{4})-\d{2}"
    assert compiled["iso"].flags & re.IGNORECASE
    assert compiled["iso"].match("2024-06").group("y") == "2024"


def test_pieces_build_on_earlier_pieces():
    rows = [{"kind": "piece", "name": "d", "pattern": r"\d", "meaning": ""},
            {"kind": "piece", "name": "dd", "pattern": "{d}{d}", "meaning": ""}]
    assert expand_pieces(rows, "piece", {})["dd"] == r"\d\d"


@pytest.mark.parametrize("row, message", [
    ({**ROW, "pattern": "{month}"}, "layout iso: unknown slot {month}"),
    ({**ROW, "flags": "q"}, "layout iso: unknown flag 'q'"),
    ({**ROW, "pattern": "(unclosed"}, "layout iso: bad pattern"),
])
def test_a_bad_row_is_named(row, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        compile_kind([row], "layout", {"year": "x"})


def test_fill_leaves_text_without_slots():
    assert fill(r"a{0,2}b", {}) == r"a{0,2}b"


def test_shipped_layout_rows_compile():
    grammar = DatetimeGrammar(read_table(asset_path(LEXICON)))
    assert [name for name, _ in grammar._date_res][:2] == ["month_day_year", "day_month_year"]
    assert grammar._date_res[6][1].search("on 12.06.2024 in").group("a", "b") == ("12", "06")
    assert {"aside", "delegation", "office_after", "list_gap"} <= set(roles._cues())
    assert roles._cues()["delegation"].search("the foreign ministers of Denmark")
    assert assemble._cues()["future_marker_before"].search("Minister A is scheduled to ")


@pytest.mark.parametrize("text, name, found", [
    ("The meeting was attended by the ambassador.", "attend", ["attended"]),
    ("She was joined by officials.", "attend", ["joined by"]),
    ("The joint statement was issued.", "attend", []),
    ("Today I met the Foreign Minister.", "first_person", ["I met"]),
    ("Today we also discussed trade.", "first_person", ["we also discussed"]),
    ("They met the Foreign Minister.", "first_person", []),
])
def test_word_cues_are_token_patterns(make_nlp, text, name, found):
    doc = make_nlp()(text)
    assert [m.text for m in roles._word_cues(doc, name)] == found


def test_fast_first_tokens_match_what_the_patterns_as_written_match():
    """First tokens read from flags or split by value match exactly what spaCy's Matcher
    matches with the pattern as written, an upper-case word in a LOWER set included (it
    never matches: a token's LOWER is lower-case)."""
    import spacy
    from spacy.matcher import Matcher

    from diplex.cues import fast_first_token

    nlp = spacy.blank("en")
    patterns = [
        [{"LOWER": {"IN": ["scrutinised", "Reviewed"]}}, {"LOWER": "the"}],
        [{"ORTH": {"IN": ["I", "we"]}}, {"IS_ALPHA": True, "OP": "?"}, {"LOWER": "met"}],
        [{"LOWER": {"IN": ["on", "about"]}, "OP": "?"}, {"LOWER": "trade"}],
        [{"LOWER": {"IN": ["not"]}, "OP": "!"}, {"LOWER": "trade"}],
    ]
    texts = ["They scrutinised the plan and Reviewed the deal.", "We met. I also met them.",
             "we MET on trade", "They reviewed the file about trade, not trade.", ""]
    for i, pattern in enumerate(patterns):
        plain, fast = Matcher(nlp.vocab), Matcher(nlp.vocab, validate=False)
        plain.add(str(i), [pattern])
        fast.add(str(i), fast_first_token(nlp.vocab, pattern))
        for text in texts:
            doc = nlp(text)
            assert sorted(fast(doc)) == sorted(plain(doc)), (pattern, text)
    doc = nlp("They Reviewed the deal.")
    upper = Matcher(nlp.vocab, validate=False)
    upper.add("u", fast_first_token(nlp.vocab, patterns[0]))
    assert upper(doc) == []


def test_word_alternation_is_a_trie_behind_a_first_letter_test():
    found = alternation(["ministers", "minister", "heads of state", "heads", "ambassador"])
    assert found == ("(?:(?=[ahm])(?:ambassador|heads(?:\\s+of\\s+state)?|minister(?:s)?))")
    # two branches that match the same letter under IGNORECASE: the flat list, longest first
    assert alternation(["May", "may", "Mai"]) == flat_alternation(["May", "may", "Mai"])
    assert re.fullmatch(alternation(["heads of state"]), "heads \n of  state")


@pytest.mark.parametrize("flags", [0, re.IGNORECASE])
def test_word_alternation_matches_what_the_flat_list_matches(flags):
    """The trie finds the same matches as one branch per word, longest first, in any
    pattern around it, with and without IGNORECASE (letters that fold together under it:
    a/A, s/long s, k/K/Kelvin sign; words with inner spaces; words that extend others)."""
    rng = random.Random(7)
    letters = "abAB \u017fKk\u212aM"
    compared = 0
    for _ in range(3000):
        words = ["".join(rng.choice(letters) for _ in range(rng.randint(1, 5)))
                 for _ in range(rng.randint(0, 6))]
        text = "".join(rng.choice(letters + "  \n") for _ in range(rng.randint(0, 30)))
        for around in ("{}", r"\b{}\b", "{}b", "(?:{})+a", r"x?{}(?:\s+k)?$"):
            trie = re.compile(around.format(alternation(words)), flags)
            flat = re.compile(around.format(flat_alternation(words)), flags)
            assert [m.span() for m in trie.finditer(text)] == [
                m.span() for m in flat.finditer(text)], (words, text, around)
            compared += 1
    assert compared == 15000


def test_windowed_matcher_finds_what_the_matcher_finds_on_the_whole_doc():
    """A WindowedMatcher reads only the windows where its patterns can start and end; its
    matches are the Matcher's on the whole Doc, for the participation cues and for patterns
    with optional, counted and negated tokens; a pattern that can start anywhere or has no
    longest length makes it match the whole Doc."""
    import spacy

    from diplex.cues import WindowedMatcher, token_matcher

    nlp = spacy.blank("en")
    rows = list(read_table(asset_path("participation.jsonl")))
    rows += [
        {"kind": "test", "name": "opt", "patterns": [
            [{"LOWER": "talks"}, {"LOWER": "on", "OP": "?"}, {"IS_ALPHA": True, "OP": "{1,3}"}]]},
        {"kind": "test", "name": "neg", "patterns": [
            [{"ORTH": {"IN": ["I", "We"]}}, {"LOWER": "not", "OP": "!"}, {"LOWER": "met"}]]},
        {"kind": "test", "name": "tail", "patterns": [[{"LOWER": "joined"}, {"OP": "?"}]]},
    ]
    rng = random.Random(3)
    vocabulary = ("I we We met spoke joined by attended present were talks on trade and the "
                  "minister . , \n attending accompanied not Today").split(" ")
    samples = Path(__file__).resolve().parent.parent / "samples"
    texts = [f.read_text(encoding="utf-8") for f in sorted(samples.glob("*.txt"))]
    texts += [" ".join(rng.choice(vocabulary) for _ in range(rng.randint(0, 120)))
              for _ in range(300)]
    for kind in ("token_pattern", "test"):
        windowed = WindowedMatcher(nlp.vocab, rows, kind)
        assert windowed.longest is not None
        whole = token_matcher(nlp.vocab, rows, kind)
        compared = 0
        for doc in nlp.pipe(texts):
            expected = sorted(whole(doc), key=lambda m: (m[1], m[2], m[0]))
            assert windowed(doc) == expected, doc.text
            compared += len(expected)
        assert compared > 50
    anywhere = [{"kind": "k", "name": "x", "patterns": [[{"IS_TITLE": True}, {"LOWER": "met"}]]}]
    assert WindowedMatcher(nlp.vocab, anywhere, "k").longest is None
    doc = nlp("Today Ito met Wong.")
    assert [(a, b) for _, a, b in WindowedMatcher(nlp.vocab, anywhere, "k")(doc)] == [(1, 3)]
    endless = [{"kind": "k", "name": "x", "patterns": [[{"LOWER": "met"}, {"OP": "+"}]]}]
    assert WindowedMatcher(nlp.vocab, endless, "k").longest is None
    # one such pattern anywhere among bounded ones is enough
    mixed = [*anywhere, {"kind": "k", "name": "y", "patterns": [[{"LOWER": "met"}]]}]
    assert WindowedMatcher(nlp.vocab, mixed, "k").longest is None
