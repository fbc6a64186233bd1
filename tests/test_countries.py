"""Tests of ``diplex_countries`` and :mod:`diplex.normalise.countries`."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from diplex.assets import models_dir
from diplex.normalise.countries import country_code, is_demonym
from diplex.spans import spans


@pytest.fixture(scope="module")
def nlp(make_nlp):
    return make_nlp("diplex_countries")


def found(nlp, text: str) -> list[tuple[str, str, str]]:
    """(span text, code, rule) of each COUNTRY span, in text order."""
    doc = nlp(text)
    assert doc._.diplex_error is None
    return [(s.text, s._.diplex_value, s._.diplex_rule) for s in spans(doc, "COUNTRY")]


def codes(nlp, text: str) -> set[str]:
    return {code for _, code, _ in found(nlp, text)}


# --- country_code / is_demonym (pure lookup used by other components) -------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("the Republic of Chile", "CHL"),
        ("the Italian Republic", "ITA"),
        ("the Russian Federation", "RUS"),
        ("United States of America", "USA"),
        ("the United States", "USA"),
        ("Japan", "JPN"),
        ("JAPAN", "JPN"),
        ("Malaysian", "MYS"),
        ("Malaysia's", "MYS"),
        ("Malaysia’s", "MYS"),
        ("US", "USA"),
        ("U.S.", "USA"),
        ("PRC", "CHN"),
        ("the People's Republic of China", "CHN"),
        ("People’s Republic of China", "CHN"),
        ("the Republic of Korea", "KOR"),
        ("Korea", "KOR"),
        ("ROK", "KOR"),
        ("DPRK", "PRK"),
        ("Democratic People's Republic of Korea", "PRK"),
        ("Republic of Türkiye", "TUR"),
        ("Turkey", "TUR"),
        ("Viet Nam", "VNM"),
        ("the Socialist Republic of Viet Nam", "VNM"),
        ("Lao PDR", "LAO"),
        ("Czechia", "CZE"),
        ("the Czech Republic", "CZE"),
        ("Kingdom of the Netherlands", "NLD"),
        ("the Philippines", "PHL"),
        ("the UAE", "ARE"),
        ("KSA", "SAU"),
        ("Taiwan", "TWN"),
        ("Palestine", "PSE"),
        ("the State of Palestine", "PSE"),
        ("Kosovo", "XKX"),
        ("the Holy See", "VAT"),
        ("Cote d'Ivoire", "CIV"),
        ("Ivory Coast", "CIV"),
        ("eSwatini", "SWZ"),
        ("Cabo Verde", "CPV"),
        ("Timor-Leste", "TLS"),
        ("Federated States of Micronesia", "FSM"),
        ("the Federative Republic of Brazil", "BRA"),
        ("Arab Republic of Egypt", "EGY"),
        ("the Commonwealth of Australia", "AUS"),
        ("Democratic Republic of the Congo", "COD"),
        ("Republic of the Congo", "COG"),
        ("Guinea-Bissau", "GNB"),
        ("Papua New Guinea", "PNG"),
    ],
)
def test_country_code_resolves_names_aliases_demonyms(text, code):
    assert country_code(text) == code


@pytest.mark.parametrize(
    "text",
    ["us", "Beijing", "Washington", "East Asia", "Indo-Pacific", "Africa", "Hong Kong",
     "Guam", "Congo", "Congolese", "European", "", "   "],
)
def test_country_code_none_for_non_states_and_ambiguous(text):
    assert country_code(text) is None


def test_is_demonym():
    assert is_demonym("Japanese")
    assert is_demonym("the Chinese")
    assert is_demonym("Saudi")
    assert not is_demonym("Japan")
    assert not is_demonym("Republic of Korea")
    assert not is_demonym("Beijing")


# --- the component ----------------------------------------------------------------------


def test_names_aliases_and_rules(nlp):
    got = found(nlp, "Ministers of Japan, the Republic of Korea and the U.S. met in Hanoi.")
    assert got == [
        ("Japan", "JPN", "country.name"),
        ("Republic of Korea", "KOR", "country.name"),
        ("U.S.", "USA", "country.alias"),
    ]


def test_demonyms_and_possessives(nlp):
    text = "Russia's aggression worried the Chinese side and the Malaysian Foreign Minister."
    got = found(nlp, text)
    assert got == [
        ("Russia", "RUS", "country.possessive"),
        ("Chinese", "CHN", "country.demonym"),
        ("Malaysian", "MYS", "country.demonym"),
    ]
    assert codes(nlp, "Australian Prime Minister Jane Doe met US Secretary of State Smith.") == {
        "AUS", "USA"}


# kind: state names pycountry does not resolve directly (handed case 'country-aliases')
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("talks with the Republic of Türkiye on Russia, the Republic of Korea, Lao PDR and Iran",
         {"TUR", "RUS", "KOR", "LAO", "IRN"}),
        ("the Minister of Viet Nam, the Foreign Secretary of Britain and the envoy of Laos",
         {"VNM", "GBR", "LAO"}),
        ("exchanges with Czechia, Syria, Moldova, Tanzania, Bolivia and Venezuela",
         {"CZE", "SYR", "MDA", "TZA", "BOL", "VEN"}),
        ("meetings in Brunei with Côte d’Ivoire, Cabo Verde and Timor-Leste",
         {"BRN", "CIV", "CPV", "TLS"}),
        ("Great Britain, the Netherlands, the Philippines and the UAE",
         {"GBR", "NLD", "PHL", "ARE"}),
        ("the DPRK, the PRC, Taiwan, Kosovo and the Holy See", {"PRK", "CHN", "TWN", "XKX", "VAT"}),
        ("South Korea and North Korea", {"KOR", "PRK"}),
        ("Turkiye and Turkey", {"TUR"}),
    ],
)
def test_aliases(nlp, text, expected):
    assert codes(nlp, text) == expected


# kind: country pairs and triples joined by hyphens (handed case 'hyphenated-country-pairs')
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Japan-U.S.-ROK Trilateral Meeting", ["Japan", "U.S.", "ROK"]),
        ("The U.K.-Japan-Australia call", ["U.K.", "Japan", "Australia"]),
        ("the U.S.–Japan alliance", ["U.S.", "Japan"]),
        ("the ROK-US/ROK-Japan talks", ["ROK", "US", "ROK", "Japan"]),
        ("a Korea-China ministerial", ["Korea", "China"]),
        ("the India – US partnership", ["India", "US"]),
        ("a Japan-United Kingdom(UK)-Australia call",
         ["Japan", "United Kingdom", "UK", "Australia"]),
        ("the U.S.-North Korea summit", ["U.S.", "North Korea"]),
        ("a Republic of Korea-United States meeting", ["Republic of Korea", "United States"]),
    ],
)
def test_hyphenated_pairs_each_state_its_own_token_span(nlp, text, expected):
    doc = nlp(text)
    found_spans = spans(doc, "COUNTRY")
    assert [s.text for s in found_spans] == expected
    for span in found_spans:  # token-aligned: the span's text is exactly its tokens
        assert doc.text[span.start_char : span.end_char] == span.text
        assert span.text == "".join(t.text_with_ws for t in span).strip()


def test_hyphenated_compound_names_stay_whole(nlp):
    assert found(nlp, "Guinea-Bissau and Timor-Leste") == [
        ("Guinea-Bissau", "GNB", "country.name"),
        ("Timor-Leste", "TLS", "country.name"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Papua New Guinea and Guinea", {"PNG", "GIN"}),
        ("Equatorial Guinea", {"GNQ"}),
        ("Niger and Nigeria", {"NER", "NGA"}),
        ("Dominica and the Dominican Republic", {"DMA", "DOM"}),
        ("Sudan and South Sudan", {"SDN", "SSD"}),
        ("North Korean missiles", {"PRK"}),
        ("the South African minister", {"ZAF"}),
        ("Chinese Taipei", {"TWN"}),
    ],
)
def test_longest_match_wins(nlp, text, expected):
    assert codes(nlp, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "peace across the Taiwan Strait",
        "the South China Sea and the East China Sea",
        "the Sea of Japan",
        "security on the Korean Peninsula",
        "a spokesperson of the Taiwan Affairs Office",
        "the Indian Ocean, the Arabian Sea and the Persian Gulf",
        "the Gulf of Mexico and the Gulf of Guinea",
        "talks in Mexico City",
        "Beijing and Washington agreed; New Delhi and Tokyo too",
        "the Indo-Pacific, East Asia, Africa and the Euro-Atlantic",
        "Pacific Islands and Latin American and Caribbean countries",
        "inter-Korean relations",
        "American Samoa and Hong Kong",
        "the Organization of American States",
        "a turkey, some china and us",
        "WHAT IT MEANS FOR US AND THEM",
        "Afghans and Israelis",
    ],
)
def test_near_misses_get_no_span(nlp, text):
    assert found(nlp, text) == []


def test_state_next_to_blocked_place_still_found(nlp):
    assert codes(nlp, "China's conduct in the South China Sea") == {"CHN"}
    assert codes(nlp, "the Korean Peninsula and the Korean side") == {"KOR"}


def test_caps_line_headline_with_other_words_keeps_state(nlp):
    assert codes(nlp, "Ministry of Foreign Affairs REPUBLIC OF KOREA") == {"KOR"}
    assert codes(nlp, "JAPAN-US RELATIONS") == {"JPN"}  # "US" in a shouted line: skipped
    assert codes(nlp, "US-Japan relations") == {"USA", "JPN"}


def test_confidence_in_range_and_by_rule(nlp):
    doc = nlp("Japan, the U.S. and the Chinese side")
    conf = {s.text: s._.diplex_confidence for s in spans(doc, "COUNTRY")}
    assert conf["Japan"] > conf["Chinese"]
    assert all(0.0 < c <= 1.0 for c in conf.values())


def test_tokenizer_rules_idempotent(make_nlp):
    from diplex.components.countries import EXTRA_INFIXES, add_tokenizer_rules

    nlp = make_nlp("diplex_countries", "diplex_organisations")
    add_tokenizer_rules(nlp)
    pattern = nlp.tokenizer.infix_finditer.__self__.pattern
    assert pattern.count(EXTRA_INFIXES[0]) == 1
    assert [t.text for t in nlp.make_doc("Japan-U.S.-ROK")] == ["Japan", "-", "U.S.", "-", "ROK"]


def test_custom_asset_folder_and_disk_round_trip(make_nlp, tmp_path: Path):
    folder = tmp_path / "assets"
    folder.mkdir()
    for name in ("countries.jsonl", "not_countries.jsonl", "organisations.jsonl"):
        shutil.copyfile(models_dir() / name, folder / name)
    lines = (folder / "countries.jsonl").read_text(encoding="utf-8").splitlines()
    out = []
    for line in lines:
        rec = json.loads(line)
        if rec.get("code") == "JPN":
            rec["aliases"] = [*rec.get("aliases", []), "Nippon"]
        out.append(json.dumps(rec, ensure_ascii=False))
    (folder / "countries.jsonl").write_text("\n".join(out) + "\n", encoding="utf-8")

    from diplex.pipeline import load_base

    nlp = load_base()
    nlp.add_pipe("diplex_countries", config={"assets": str(folder)})
    assert codes(nlp, "Nippon and Korea") == {"JPN", "KOR"}
    saved = tmp_path / "pipeline"
    nlp.to_disk(saved)
    import spacy

    reloaded = spacy.load(saved)
    assert codes(reloaded, "Nippon and Korea") == {"JPN", "KOR"}
    assert codes(make_nlp("diplex_countries"), "Nippon and Korea") == {"KOR"}


def test_broken_asset_line_is_reported(tmp_path: Path):
    from diplex.normalise.countries import load_table

    (tmp_path / "countries.jsonl").write_text('{"aliases": ["X"]}\n', encoding="utf-8")
    shutil.copyfile(models_dir() / "not_countries.jsonl", tmp_path / "not_countries.jsonl")
    with pytest.raises(ValueError, match=r"countries\.jsonl:1: code: Field required"):
        load_table(tmp_path)


# --- shared data: handed cases of this kind, corpus figure ------------------------------


def test_handed_country_cases(nlp, shared_dir: Path):
    cases = [json.loads(line) for line in
             (shared_dir / "cases" / "handed-1.jsonl").read_text(encoding="utf-8").splitlines()
             if line.strip()]
    mine = [c for c in cases if c["id"] in {"country-aliases", "hyphenated-country-pairs"}]
    assert mine, "handed cases of this kind are missing"
    for case in mine:
        expect = case["expect"]
        gold = set(expect.get("participants", [])) | set(expect.get("mentioned", []))
        assert codes(nlp, case["text"]) == gold, case["id"]


def test_corpus_country_code_f1(nlp, corpus_dir: Path):
    tp = fp = fn = 0
    for txt in sorted(corpus_dir.glob("*.txt")):
        gold = {c["code"] for c in json.loads(txt.with_suffix(".json").read_text())["countries"]}
        pred = codes(nlp, txt.read_text(encoding="utf-8"))
        tp, fp, fn = tp + len(pred & gold), fp + len(pred - gold), fn + len(gold - pred)
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    f1 = 2 * precision * recall / (precision + recall)
    assert f1 >= 0.85, (precision, recall, f1)
