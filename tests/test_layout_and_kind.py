"""``diplex_layout``, ``diplex_meeting_kind`` and ``diplex_locations`` on pages and sentences
in our own words, with near misses."""

from __future__ import annotations

import pytest

from diplex.spans import spans


@pytest.fixture(scope="module")
def nlp(make_nlp):
    from diplex.pipeline import build_pipeline

    return build_pipeline()


def only(doc, label):
    found = spans(doc, label)
    return [s._.diplex_value for s in found]


PAGE = (
    "Skip to main content\n"
    "Press Releases\n"
    "Japan-Kenya Relations\n"
    "Japan-Kenya Foreign Ministers' Working Dinner\n"
    "Published 14 June 2024\n"
    "(Photo) Japan-Kenya Foreign Ministers' Working Dinner 1\n"
    "On June 13, commencing at 7:00 p.m. for approximately 90 minutes, Mr. ONO Ken, Minister "
    "for Foreign Affairs of Japan, held a working dinner with Dr. Grace Wanjiru, Cabinet "
    "Secretary for Foreign Affairs of the Republic of Kenya, in Tokyo.\n"
    "Back to Press Releases\n"
)


def test_headline_release_date_and_body_start(nlp):
    doc = nlp(PAGE)
    assert only(doc, "TITLE") == ["Japan-Kenya Foreign Ministers' Working Dinner"]
    assert only(doc, "RELDATE") == ["2024-06-14"]
    assert PAGE[doc._.diplex_body_start :].startswith("On June 13")


def test_captions_and_section_lines_are_not_headlines(nlp):
    doc = nlp(
        "Japan-Kenya Relations\n(Photo) Foreign Ministers' Meeting 2\nJune 14, 2024\n"
        "The ministers met in Nairobi on June 13 and discussed trade and the Horn of Africa.\n"
    )
    assert only(doc, "TITLE") == []
    assert only(doc, "RELDATE") == ["2024-06-14"]


def test_a_date_inside_a_headline_is_not_the_release_date(nlp):
    doc = nlp(
        "PM call with President of Kenya: 2 May 2024\n"
        "The Prime Minister spoke to the President of Kenya this afternoon about trade.\n"
    )
    assert only(doc, "TITLE") == ["PM call with President of Kenya: 2 May 2024"]
    assert only(doc, "RELDATE") == []


def test_publisher_from_the_page_header(nlp):
    doc = nlp("Global Affairs Canada\nMinister meets counterpart\nThe minister met the "
              "Foreign Minister of Chile in Ottawa today to discuss trade and fisheries.\n")
    assert only(doc, "PUBLISHER") == ["CAN"]


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("Minister A held a telephone talk with Minister B.", "telephone_talk"),
        ("Minister A spoke by phone with Minister B about trade.", "telephone_talk"),
        ("Secretary A held a call today with Minister B.", "telephone_talk"),
        ("The leaders held the summit by video conference.", "video_conference"),
        ("The leaders held the 5th Summit (virtual format) with the Commission.",
         "video_conference"),
        ("Minister A held a working lunch and a meeting with Minister B.", "working_meal"),
        ("Minister A held a meeting and a luncheon with Minister B.", "meeting"),
        ("Minister A received a courtesy call from Ambassador B.", "courtesy_call"),
        ("Minister A called on Prime Minister B in Rome.", "courtesy_call"),
        ("Minister A, who is in Paris for the OECD Ministerial Council Meeting, received a "
         "courtesy call from Deputy Secretary B.", "courtesy_call"),
        ("Minister A held talks with Minister B in Rome.", "meeting"),
        ("Minister A welcomed Minister B to Rome.", "meeting"),
        ("Minister A phoned Minister B on Tuesday about the elections.", "telephone_talk"),
        ("The Prime Minister called President B this evening.", "telephone_talk"),
        ("Minister A spoke with Minister B in a telephonic courtesy call.", "telephone_talk"),
        ("The teleconference was held between Minister A and Minister B.", "telephone_talk"),
        ("The Honourable A, Minister of Foreign Affairs, today spoke with B, Minister of "
         "Trade. They discussed the need for peaceful dialogue.", "telephone_talk"),
        ("Minister A met Minister B and spoke with reporters afterwards.", "meeting"),
    ],
)
def test_meeting_kind(nlp, sentence, kind):
    doc = nlp(sentence)
    assert only(doc, "MEETING") == [kind]


def test_called_on_parties_is_not_a_courtesy_call(nlp):
    doc = nlp("The minister called on all parties to exercise restraint.")
    assert only(doc, "MEETING") == []


@pytest.mark.parametrize("sentence", [
    "The ministers called for an immediate ceasefire in the region.",
    "The statement called upon the Security Council to act.",
])
def test_called_for_is_no_call(nlp, sentence):
    assert "telephone_talk" not in only(nlp(sentence), "MEETING")


def test_spoke_with_is_a_guessed_call(extractor):
    record = extractor.extract("Minister A Jones today spoke with Minister B Smith of Chile "
                               "about trade.", publisher="NZL")
    assert record.meeting_type == "telephone_talk"
    assert "meeting_type_guessed" in {w.code for w in record.warnings}


def test_no_cue_no_kind(nlp):
    doc = nlp("The ministry publishes its annual report on development assistance.")
    assert only(doc, "MEETING") == []


@pytest.mark.parametrize(
    ("sentence", "place"),
    [
        ("Minister A met Minister B in Nairobi on 3 May 2024.", "Nairobi"),
        ("Minister A held talks with Minister B in Singapore on 3 May.", "Singapore"),
        ("Minister A met Minister B at NATO Headquarters on 3 May.", "NATO Headquarters"),
        ("Minister A met Minister B in the margins of the Munich Security Conference.",
         "Munich"),
        ("On the sidelines of the G20 Summit in Rio de Janeiro, Minister A met Minister B.",
         "Rio de Janeiro"),
        ("Minister A met Minister B during her official visit to Santiago.", "Santiago"),
        ("The Prime Minister hosted President B at Chequers on Sunday.", "Chequers"),
        ("Minister A met Minister B at the Palais des Nations.", "Palais des Nations"),
    ],
)
def test_location(nlp, sentence, place):
    assert only(nlp(sentence), "LOCATION") == [place]


@pytest.mark.parametrize(
    "sentence",
    [
        "Minister A met Minister B in Kenya on 3 May.",  # a state is not a meeting place
        "Minister A met Minister B on 3 May and discussed the situation in Sudan.",
        "Minister A met Minister B during her visit to Chile.",  # a state, not a city
        "Minister A met Minister B in the House on Tuesday.",  # a venue word alone
    ],
)
def test_location_near_misses(nlp, sentence):
    assert only(nlp(sentence), "LOCATION") == []


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("Foreign Minister Mona el Sayed met Minister Ana Ruiz on the margins of the summit "
         "in Munich today. They discussed trade.",
         ["Foreign Minister Mona el Sayed met Minister Ana Ruiz on the margins of the summit "
          "in Munich today.", "They discussed trade."]),
        ("On May 3, at 6:10 p.m. local time (May 4, 3:10 a.m. JST) for about 20 minutes, "
         "Minister Ito met Minister Ruiz.",
         ["On May 3, at 6:10 p.m. local time (May 4, 3:10 a.m. JST) for about 20 minutes, "
          "Minister Ito met Minister Ruiz."]),
        ('"It was a good meeting," she said. Then they left.\nHeadline without a stop\nBody.',
         ['"It was a good meeting," she said.', "Then they left.\n",
          "Headline without a stop\n", "Body."]),
    ],
)
def test_sentences_end_only_after_closing_punctuation_or_at_a_line_end(nlp, text, sentences):
    assert [s.text for s in nlp(text).sents] == sentences


def test_joined_line_cues_find_what_the_patterns_find() -> None:
    """A ``CueSet`` searches a kind's patterns joined into one; on lines of every sort (the
    sample releases' and odd ones) it says what searching each pattern says, and patterns
    that joining could change (a group reference, an inline flag) are not joined."""
    import json
    from pathlib import Path

    import regex

    from diplex.assets import asset_path
    from diplex.components.layout import CueSet, _joined

    samples = Path(__file__).resolve().parent.parent / "samples"
    lines = [ln for f in sorted(samples.glob("*.txt"))
             for ln in f.read_text(encoding="utf-8").splitlines()]
    lines += ["", "...", "Share", "share this page", "Click here to read", "(Reference)",
              "Photo: Reuters", "PRESS RELEASE", "Ministry of Foreign Affairs", "— — —",
              "Please share this page", "We will NEVER ask you", " share", "a\nshare"]
    assert len(lines) > 50
    kinds = 0
    for row in map(json.loads, asset_path("layout.jsonl").read_text().splitlines()):
        if "patterns" not in row:
            continue
        patterns = [regex.compile(p, regex.I) for p in row["patterns"]]
        cues = CueSet(patterns)
        assert cues.joined is not None
        kinds += 1
        for line in lines:
            assert cues.search(line) == any(p.search(line) for p in patterns), (row, line)
    assert kinds >= 5
    anchored = [regex.compile("^share"), regex.compile("^a|b"), regex.compile("never")]
    cues = CueSet(anchored)
    assert cues.at_start is not None and cues.anywhere is not None
    for line in ("share", "xshare", "b", "xb", "a never", "x\nshare", ""):
        assert cues.search(line) == any(p.search(line) for p in anchored), line
    refs = [regex.compile(r"(a)\1"), regex.compile("b")]
    assert _joined(tuple(refs)) is None
    assert CueSet(refs).search("xaa") and not CueSet(refs).search("xa")
    flags = [regex.compile("(?i)ab"), regex.compile("c")]
    assert _joined(tuple(flags)) is None


@pytest.mark.parametrize("source, unjoinable", [
    (r"^\(?reference\)?\s*$", False),  # an escaped bracket is a literal
    (r"(?:a)(?=b)(?<!c)(?!d)(?<=e)", False),
    (r"(a)\1", True),
    (r"^(wong) meets \\(?1)$", True),  # an escaped backslash, then a group call
    (r"(?i)ab", True),
    (r"(?P<x>a)", True),
    (r"(?<x>a)", True),
    (r"\g<1>", True),
    (r"\\1", False),  # an escaped backslash, then a digit
])
def test_what_joining_could_change_is_seen(source: str, unjoinable: bool) -> None:
    from diplex.components.layout import _unjoinable

    assert _unjoinable(source) is unjoinable


@pytest.mark.parametrize("source, anchored", [
    (r"^share\b", True),
    (r"^(?:e-mail|name)\s*\*", True),  # the alternation is inside a group
    (r"^a|b", False),  # "b" anywhere
    (r"^[|]x", True),
    (r"^[]|]x", True),  # a "]" right after "[" is in the class
    (r"^\|x|y", False),
    (r"^\\|b", False),  # an escaped backslash, then an alternation
    (r"^(?i)a", False),
    (r"share", False),
])
def test_cues_anchored_at_the_start_are_seen(source: str, anchored: bool) -> None:
    import regex

    from diplex.components.layout import _anchored

    assert _anchored(regex.compile(source)) is anchored
    assert not _anchored(regex.compile(source, regex.MULTILINE))
