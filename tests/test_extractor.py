"""The library surface (``diplex.extract``, ``Extractor``) on bad and odd input.

Every input gives a record (with nulls and a warning) or a clear ``diplex`` exception; a
batch never stops for one bad document.
"""

from __future__ import annotations

import pytest

import diplex
from diplex import Document, ExtractionFailure, InputError, ModelNotFoundError

RELEASE = (
    "Press Releases\nJapan-Peru Foreign Ministers' Meeting\nMay 12, 2024\n"
    "On May 12, commencing at 6:00 p.m. for approximately 30 minutes, Mr. OTA Kenji, Minister "
    "for Foreign Affairs of Japan, held a meeting with H.E. Mr. Luis Vega, Minister of Foreign "
    "Affairs of the Republic of Peru. The ministers discussed trade and investment.\n"
)


def test_a_release_gives_its_record_with_evidence(extractor):
    record = extractor.extract(RELEASE, doc_id="peru")
    assert (record.doc_id, record.meeting_type, record.date, record.start_time,
            record.duration_minutes) == ("peru", "meeting", "2024-05-12", "18:00", 30)
    for ev in record.evidence:
        assert RELEASE[ev.start : ev.end] == ev.text
    fields = {ev.field for ev in record.evidence}
    assert {"date", "start_time", "duration_minutes", "meeting_type", "officials[0]"} <= fields
    assert "year_from_release_date" in record.warning_codes()  # "On May 12" has no year


@pytest.mark.parametrize("text", ["", "   \n\t  ", b""])
def test_empty_text_gives_nulls_and_a_warning(extractor, text):
    record = extractor.extract(text)
    assert record.meeting_type is None and record.officials == []
    assert record.warning_codes() == ["empty_text"]


def test_text_with_no_meeting_is_flagged(extractor):
    record = extractor.extract(
        "Statement by the Press Secretary\nThe Government condemns the missile launch and "
        "calls for restraint by all parties concerned in the region.\n"
    )
    assert record.meeting_type is None
    assert "no_meeting_found" in record.warning_codes()


def test_invalid_utf8_is_replaced_and_reported(extractor):
    record = extractor.extract(RELEASE.encode("utf-8") + b"\xff\xfe broken tail")
    assert record.date == "2024-05-12"
    assert "invalid_utf8" in record.warning_codes()


def test_html_is_reduced_to_text(extractor):
    html = "<html><body><h1>Japan-Peru Foreign Ministers' Meeting</h1>" + "".join(
        f"<p>{line}</p>" for line in RELEASE.splitlines()[2:]
    ) + "<script>var x = '<p>not text</p>';</script></body></html>"
    record = extractor.extract(html)
    assert record.meeting_type == "meeting"
    assert [o.family_name for o in record.officials] == ["Ota", "Vega"]
    assert "html_stripped" in record.warning_codes()


def test_five_megabyte_text_is_cut_not_crashed(extractor):
    record = extractor.extract(RELEASE + "Filler sentence about nothing. " * 170_000)
    assert record.date == "2024-05-12"
    assert "text_truncated" in record.warning_codes()


def test_text_in_another_script_is_flagged(extractor):
    record = extractor.extract("日本国外務大臣は本日、ペルー共和国外務大臣と会談を行った。" * 5)
    assert record.officials == []
    assert record.warning_codes() == ["not_english"]


def test_bad_release_date_is_an_input_error(extractor):
    with pytest.raises(InputError):
        extractor.extract(RELEASE, release_date="12/05/2024")


def test_wrong_input_type_is_an_input_error(extractor):
    with pytest.raises(InputError):
        extractor.extract(12345)  # type: ignore[arg-type]


def test_pipe_keeps_order_and_reports_bad_items(extractor):
    items = [
        (RELEASE, "a"),
        42,  # not a text: an error entry, not a crash
        Document(RELEASE.replace("May 12", "May 13"), doc_id="c", release_date="2024-05-14"),
        Document(RELEASE, doc_id="d", release_date="not-a-date"),
    ]
    results = list(extractor.pipe(items, errors="return", batch_size=2))
    assert len(results) == 4
    assert results[0].doc_id == "a"
    assert isinstance(results[1], ExtractionFailure) and results[1].index == 1
    assert results[2].doc_id == "c" and results[2].date == "2024-05-13"
    assert isinstance(results[3], ExtractionFailure)
    assert (results[3].doc_id, results[3].error_type) == ("d", "InputError")


def test_pipe_raises_by_default_on_a_bad_item(extractor):
    with pytest.raises(InputError):
        list(extractor.pipe([RELEASE, 42]))


@pytest.mark.parametrize(("n_process", "batch_size"), [(1, 64), (1, 3), (2, 4)])
def test_pipe_yields_every_finished_record_before_the_inputs_exception(
    extractor, n_process, batch_size
):
    def releases():
        for i in range(10):
            yield RELEASE.replace("Peru", f"Peru {i}"), f"doc-{i}"
        raise OSError("the input went away")

    got = []
    with pytest.raises(OSError, match="the input went away"):
        for record in extractor.pipe(releases(), batch_size=batch_size, n_process=n_process):
            got.append(record.doc_id)
    assert got == [f"doc-{i}" for i in range(10)]


def test_a_component_that_raises_becomes_an_error_entry(extractor, monkeypatch):
    component = extractor.nlp.get_pipe("diplex_topics")

    def boom(doc):
        if "Peru" in doc.text:
            raise RuntimeError("synthetic failure")

    monkeypatch.setattr(component, "process", boom)
    results = list(extractor.pipe([(RELEASE, "bad"), ("Nothing here.", "ok")], errors="return"))
    assert isinstance(results[0], ExtractionFailure)
    assert results[0].doc_id == "bad" and "synthetic failure" in results[0].message
    assert results[1].doc_id == "ok"


def test_unknown_model_is_a_clear_error():
    with pytest.raises(ModelNotFoundError):
        diplex.Extractor(model="en_core_web_nonexistent")


def test_record_json_schema_has_the_corpus_fields():
    schema = diplex.MeetingRecord.model_json_schema()
    for field in ("doc_id", "publisher", "title", "release_date", "meeting_type", "date",
                  "start_time", "end_time", "duration_minutes", "location", "officials",
                  "countries", "organisations", "topics", "evidence", "warnings"):
        assert field in schema["properties"]


def test_pipeline_survives_to_disk_and_load(extractor, tmp_path):
    import spacy

    extractor.nlp.to_disk(tmp_path / "pipeline")
    nlp = spacy.load(tmp_path / "pipeline")
    assert [n for n in nlp.pipe_names if n.startswith("diplex_")] == [
        n for n in extractor.nlp.pipe_names if n.startswith("diplex_")
    ]
    doc = nlp(RELEASE)
    assert doc._.diplex_error is None
    assert {s.label_ for s in doc.spans["diplex"]} >= {"DATE", "TIME", "OFFICIAL", "MEETING"}
