"""Variants of the handed cases (``../shared/cases/handed-2.jsonl``), written in our own words:
each handed case stands for a kind of input, and each kind gets at least three more inputs
here (other publishers, states, names and layouts), with the values the corpus annotation
guide gives them. These run in a fresh clone too (no ``../shared`` needed).

Each variant: ``(case id it varies, text, keyword arguments, expected)``; ``expected`` uses the
handed-case format (scalars, ``officials`` as ``[family_name, country]`` pairs in order,
``participants``/``mentioned`` as sorted codes, ``warnings`` as codes that must be present).
"""

from __future__ import annotations

from typing import Any

import pytest

VARIANTS: list[tuple[str, str, dict[str, Any], dict[str, Any]]] = [
    # -- own-side-unmarked: the publisher named by its ministry; its minister has no state --
    ("own-side-unmarked-gbr",
     "News story\nForeign Secretary hosts Chilean counterpart\nThe Foreign Secretary, Alice "
     "Brennan, welcomed Chile's Foreign Minister Tomás Fuentes to London today for talks on "
     "critical minerals and Antarctic cooperation.\nFrom:\nForeign, Commonwealth & Development "
     "Office\nPublished\n2 May 2024",
     {}, {"date": "2024-05-02", "officials": [["Brennan", "GBR"], ["Fuentes", "CHL"]],
          "participants": ["CHL", "GBR"]}),
    ("own-side-unmarked-gbr",
     "Federal Foreign Office\nForeign Minister Hartmann meets Ghanaian counterpart\n"
     "03.07.2024 - Press release\nForeign Minister Julia Hartmann met Ghana's Minister for "
     "Foreign Affairs Samuel Boateng in Berlin today. They discussed migration and trade.",
     {}, {"release_date": "2024-07-03", "date": "2024-07-03", "location": "Berlin",
          "officials": [["Hartmann", "DEU"], ["Boateng", "GHA"]],
          "participants": ["DEU", "GHA"]}),
    ("own-side-unmarked-gbr",
     "Global Affairs Canada\nMinister meets Kenyan Cabinet Secretary\nMarch 4, 2024 - Ottawa, "
     "Ontario - Global Affairs Canada\nThe Honourable Claire Dupuis, Minister of Foreign "
     "Affairs, today met with Wanjiru Kamau, Kenya's Cabinet Secretary for Foreign and "
     "Diaspora Affairs, to discuss regional security.",
     {}, {"date": "2024-03-04", "officials": [["Dupuis", "CAN"], ["Kamau", "KEN"]],
          "participants": ["CAN", "KEN"]}),
    ("own-side-unmarked-gbr",
     "Department of International Relations and Cooperation\nMinister meets Brazilian "
     "counterpart\n12 August 2024\nMinister Thandi Mokoena met Brazil's Foreign Minister "
     "Paulo Ribeiro in Pretoria today to review BRICS cooperation.",
     {}, {"date": "2024-08-12", "officials": [["Mokoena", "ZAF"], ["Ribeiro", "BRA"]],
          "participants": ["BRA", "ZAF"]}),
    # -- release-date-slash-bar: numeric date lines, read in the publisher's order --
    ("release-date-slash-bar",
     "14/02/2024 | Press Release\nEAM's meeting with the Foreign Minister of Chile\n"
     "External Affairs Minister Dr. Arvind Rao met Foreign Minister Ana Lagos of Chile today "
     "in New Delhi.",
     {}, {"release_date": "2024-02-14", "date": "2024-02-14",
          "officials": [["Rao", "IND"], ["Lagos", "CHL"]], "participants": ["CHL", "IND"]}),
    ("release-date-slash-bar",
     "05/06/2024 | Press Release\nMinister meets Foreign Minister of Egypt\nThe Minister met "
     "Egypt's Foreign Minister Karim Hassan today.",
     {"publisher": "USA"}, {"release_date": "2024-05-06", "date": "2024-05-06"}),
    ("release-date-slash-bar",
     "05/06/2024 | Press Release\nMinister meets Foreign Minister of Egypt\nThe Minister met "
     "Egypt's Foreign Minister Karim Hassan today.",
     {"publisher": "IDN"}, {"release_date": "2024-06-05", "date": "2024-06-05"}),
    ("release-date-slash-bar",
     "05/06/2024 | Press Release\nMinister meets Foreign Minister of Egypt\nThe Minister met "
     "Egypt's Foreign Minister Karim Hassan today.",
     {}, {"release_date": None, "date": None, "warnings": ["date_ambiguous"]}),
    ("release-date-slash-bar",
     "Published: Wednesday, 2 October 2024\nForeign Minister receives Ambassador of Norway\n"
     "Foreign Minister Budi Santoso received the Ambassador of Norway, Mr. Erik Lund, today "
     "in Jakarta.",
     {"publisher": "IDN"}, {"release_date": "2024-10-02", "date": "2024-10-02"}),
    # -- spoke-by-telephone / dotted dates: call verbs and DD.MM.YYYY --
    ("spoke-by-telephone-dotted-date",
     "Federal Foreign Office\nForeign Minister speaks with Chilean counterpart\n"
     "21.05.2024 - Press release\nFederal Foreign Minister Lena Weber phoned Chile's Foreign "
     "Minister Ana Lagos this afternoon about the energy transition.",
     {}, {"meeting_type": "telephone_talk", "date": "2024-05-21", "location": None,
          "officials": [["Weber", "DEU"], ["Lagos", "CHL"]]}),
    ("spoke-by-telephone-dotted-date",
     "Ministry of Foreign Affairs of the Republic of Indonesia\nPhone call with the Foreign "
     "Minister of Japan\n2024-05-21\nForeign Minister Budi Santoso held a phone call with "
     "Japan's Minister for Foreign Affairs Sato Kenji on 21 May 2024.",
     {}, {"meeting_type": "telephone_talk", "release_date": "2024-05-21",
          "date": "2024-05-21", "participants": ["IDN", "JPN"]}),
    ("spoke-by-telephone-dotted-date",
     "Minister Ortega talks by video with Portuguese counterpart\n10 June 2024\nForeign "
     "Minister Luis Ortega held a video call with Portugal's Foreign Minister João Matos "
     "on 10 June 2024.",
     {"publisher": "ESP"}, {"meeting_type": "video_conference", "date": "2024-06-10",
                            "location": None}),
    # -- unnamed-caller-is-publisher: the publisher's unnamed leader calls a named leader --
    ("unnamed-caller-is-publisher",
     "Press release\nPM call with Prime Minister Halvorsen of Norway: 9 May 2024\nThe Prime "
     "Minister spoke to Prime Minister Ingrid Halvorsen of Norway this morning about North "
     "Sea energy.\nPublished 9 May 2024",
     {}, {"meeting_type": "telephone_talk", "date": "2024-05-09",
          "officials": [["Halvorsen", "NOR"]], "participants": ["GBR", "NOR"]}),
    ("unnamed-caller-is-publisher",
     "Readout\nThe President spoke with President Ramos of Chile\n14 March 2024\nThe President "
     "called President Elena Ramos of Chile today to discuss lithium supply chains.",
     {"publisher": "USA"}, {"meeting_type": "telephone_talk",
                            "officials": [["Ramos", "CHL"]], "participants": ["CHL", "USA"]}),
    ("unnamed-caller-is-publisher",
     "Prime Minister's call with President of Kenya\n2 April 2024\nThe Prime Minister held a "
     "telephone conversation with President William Otieno of Kenya this evening.",
     {"publisher": "IND"}, {"meeting_type": "telephone_talk",
                            "officials": [["Otieno", "KEN"]], "participants": ["IND", "KEN"]}),
    # -- ministers-of-a-list: every listed state takes part --
    ("ministers-of-a-list",
     "Weimar Triangle foreign ministers meet in Paris\n12 February 2024\nThe foreign ministers "
     "of France, Germany and Poland met in Paris on 12 February to discuss European security.",
     {}, {"participants": ["DEU", "FRA", "POL"], "location": "Paris"}),
    ("ministers-of-a-list",
     "Leaders meet in Lisbon\n3 May 2024\nThe leaders of Portugal, Spain, Morocco and Senegal "
     "met in Lisbon today to discuss Atlantic cooperation and the situation in Sudan.",
     {}, {"participants": ["ESP", "MAR", "PRT", "SEN"], "mentioned": ["SDN"]}),
    ("ministers-of-a-list",
     "Trade ministers hold talks\n20 June 2024\nThe trade ministers of Chile, Peru, Colombia "
     "and Mexico held talks in Santiago on 20 June about the Pacific Alliance.",
     {}, {"participants": ["CHL", "COL", "MEX", "PER"]}),
    ("ministers-of-a-list",
     "Ministers discuss Ukraine\n8 March 2024\nForeign Minister Anna Berg met Foreign Minister "
     "Olaf Lind of Denmark today. They welcomed the statement by the leaders of Italy and "
     "Greece on Ukraine.",
     {"publisher": "SWE"}, {"participants": ["DNK", "SWE"],
                            "mentioned": ["GRC", "ITA", "UKR"]}),
    # -- headline-state-not-own-minister: the headline names the counterpart's state --
    ("headline-state-not-own-minister",
     "Media release\nMeeting with Indonesia's Foreign Minister\n4 March 2024\nThe Minister for "
     "Foreign Affairs, Jane Whitford, met Indonesia's Foreign Minister, Budi Santoso, in "
     "Canberra today.",
     {"publisher": "AUS"}, {"officials": [["Whitford", "AUS"], ["Santoso", "IDN"]],
                            "participants": ["AUS", "IDN"]}),
    ("headline-state-not-own-minister",
     "Minister of Foreign Affairs meets Chilean Foreign Minister\n9 July 2024\nMinister of "
     "Foreign Affairs Ahmed Rahman met the Foreign Minister of Chile, Ana Lagos, in Dhaka "
     "today.",
     {"publisher": "BGD"}, {"officials": [["Rahman", "BGD"], ["Lagos", "CHL"]],
                            "participants": ["BGD", "CHL"]}),
    ("headline-state-not-own-minister",
     "Foreign Minister meets Egyptian counterpart\n15 May 2024\nForeign Minister Maria Costa "
     "held talks with Egypt's Foreign Minister Karim Hassan in Lisbon today.",
     {"publisher": "PRT"}, {"officials": [["Costa", "PRT"], ["Hassan", "EGY"]],
                            "participants": ["EGY", "PRT"]}),
    # -- capitalised-agreement-not-a-person: agreements and bodies are not people --
    ("capitalised-agreement-not-a-person",
     "Foreign Minister meets Malaysian counterpart\n10 May 2024\nForeign Minister Rachel "
     "Morgan met Malaysia's Foreign Minister Azman Rahim in Kuala Lumpur today. They "
     "reviewed the Joint Commission and the Comprehensive Economic Partnership Agreement.",
     {"publisher": "NZL"}, {"officials": [["Morgan", "NZL"], ["Rahim", "MYS"]],
                            "location": "Kuala Lumpur"}),
    ("capitalised-agreement-not-a-person",
     "Foreign Minister meets Kenyan counterpart\n11 May 2024\nForeign Minister Paulo Ribeiro "
     "met Kenya's Cabinet Secretary Wanjiru Kamau in Nairobi today. They discussed the Free "
     "Trade Area and the Blue Economy Initiative.",
     {"publisher": "BRA"}, {"officials": [["Ribeiro", "BRA"], ["Kamau", "KEN"]]}),
    ("capitalised-agreement-not-a-person",
     "Minister meets Vietnamese counterpart\n12 May 2024\nMinister Lena Weber met Viet Nam's "
     "Foreign Minister Tran Van Minh in Hanoi. The Strategic Partnership Action Plan and the "
     "Mekong River Commission were discussed.",
     {"publisher": "DEU"}, {"officials": [["Weber", "DEU"], ["Tran", "VNM"]],
                            "location": "Hanoi"}),
    # -- time-hrs: 24-hour times without a colon --
    ("time-hrs",
     "Meeting of Foreign Secretary with the Ambassador of Japan\n16 January 2025\nForeign "
     "Secretary Mr. Rohan Kapoor met the Ambassador of Japan, Mr. Ito Ken, today. The meeting "
     "began at 1100 hours and lasted an hour.",
     {"publisher": "IND"}, {"start_time": "11:00", "duration_minutes": 60}),
    ("time-hrs",
     "Defence talks\n17 January 2025\nThe Minister met the Chief of Defence of Nepal at 1430 "
     "hrs in Kathmandu; the talks lasted half an hour.",
     {"publisher": "IND"}, {"start_time": "14:30", "duration_minutes": 30}),
    ("time-hrs",
     "Courtesy call\n18 January 2025\nThe Ambassador of Bhutan called on the Minister at "
     "0845 hrs today for a 90-minute meeting.",
     {"publisher": "IND"}, {"start_time": "08:45", "duration_minutes": 90}),
    # -- time-h-french: 15h30, dotted times and spelled clock times --
    ("time-h-french",
     "Meeting with the Minister of Foreign Affairs of Senegal\nParis, 6 May 2024\nThe "
     "Minister for Europe and Foreign Affairs met Senegal's Minister of Foreign Affairs, "
     "Awa Diop, at 9h45 in Paris.",
     {}, {"start_time": "09:45", "date": "2024-05-06", "participants": ["FRA", "SEN"]}),
    ("time-h-french",
     "Talks with the Foreign Minister of Peru\n7 May 2024\nThe Foreign Minister met Peru's "
     "Foreign Minister Ana Quispe at half past ten this morning for one and a half hours.",
     {"publisher": "ESP"}, {"start_time": "10:30", "duration_minutes": 90}),
    ("time-h-french",
     "Talks with the Foreign Minister of Chile\n8 May 2024\nThe Minister met Chile's Foreign "
     "Minister Ana Lagos at 10.30 am today; they met again at noon.",
     {"publisher": "ARG"}, {"start_time": "10:30"}),
    # -- surname-particles-double: family names kept whole --
    ("surname-particles-double",
     "Minister Ruiz Vidal meets Brazilian Foreign Minister\n19 March 2024\nThe Minister of "
     "Foreign Affairs, European Union and Cooperation, Ana Ruiz Vidal, met Brazil's Foreign "
     "Minister, João da Silva, in Madrid.",
     {}, {"officials": [["Ruiz Vidal", "ESP"], ["da Silva", "BRA"]]}),
    ("surname-particles-double",
     "Foreign Minister meets Palestinian counterpart\n20 March 2024\nForeign Minister Jan de "
     "Vries met the Minister of Foreign Affairs of Palestine, Riyad al Malki, in The Hague.",
     {"publisher": "NLD"}, {"officials": [["de Vries", "NLD"], ["al Malki", "PSE"]]}),
    ("surname-particles-double",
     "Meeting with the Korean Foreign Minister\n21 March 2024\nForeign Minister Tomás García "
     "Márquez of Mexico met Foreign Minister PARK Min-jun of the Republic of Korea in Seoul.",
     {"publisher": "MEX"}, {"officials": [["García Márquez", "MEX"], ["Park", "KOR"]]}),
]


def _got(record: Any, key: str) -> Any:
    if key == "officials":
        return [[o.family_name, o.country] for o in record.officials]
    if key == "participants":
        return sorted(c.code for c in record.countries if c.role == "participant")
    if key == "mentioned":
        return sorted(c.code for c in record.countries if c.role == "mentioned")
    return getattr(record, key)


@pytest.mark.parametrize(
    ("case", "text", "kwargs", "expect"), VARIANTS,
    ids=[f"{v[0]}-{i}" for i, v in enumerate(VARIANTS)],
)
def test_handed_case_variant(extractor, case, text, kwargs, expect) -> None:
    record = extractor.extract(text, doc_id=case, **kwargs)
    for key, want in expect.items():
        if key == "warnings":
            codes = {w.code for w in record.warnings}
            assert set(want) <= codes, f"{case}: warnings {sorted(codes)}"
        elif key == "location" and want is not None:
            assert (record.location or "").casefold() == want.casefold(), case
        else:
            assert _got(record, key) == want, f"{case}: {key}"


def test_every_handed_kind_has_three_variants() -> None:
    counts: dict[str, int] = {}
    for case, *_ in VARIANTS:
        counts[case] = counts.get(case, 0) + 1
    assert len(counts) == 10 and min(counts.values()) >= 3, counts
