"""A seeded, deterministic generator of behavioural test cases in the manner of CheckList
(Ribeiro et al., ACL 2020): short releases built from templates and the lexicons beside this
file (``states.json``, ``names.json``, ``publishers.json``, ``phrases.json``).

Each case is a dict in the handed-case format (``../shared/cases/README.md``)::

    {"id", "kind", "family", "test", "text", "publisher"?, "release_date"?, "expect": {...},
     "group"?}

``test`` is the CheckList test type: ``MFT`` (a minimum functionality test: the expected
values are checked), ``INV`` (an invariance test: a copy of an MFT case with other names,
states or publisher; it passes when its record has the same structure as its group's MFT
case, see :mod:`tests.behaviour.check`) and ``DIR`` (a directional test: a copy with a cue
taken away, whose expectation says what the record may still hold).

Besides the handed-case keys, ``expect`` may hold ``warnings_include`` (codes that must be
present), ``warnings_exclude`` (codes that must be absent), ``warnings_any`` (at least one of
them present) and ``officials_country_in`` (``[family_name, [allowed codes or null]]``
pairs: that official must be found and have one of the allowed states).

Every expectation is what ``shared/corpus/README.md`` gives the text; the generator never
draws one name or one state for two sides of a case.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent

KINDS = (
    "publisher",
    "structure",
    "release_date",
    "meeting_form",
    "state_lists",
    "times",
    "names",
    "locations",
    "announcements",
)
"""The nine kinds of input the suite covers, in report order."""

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


@cache
def lexicons() -> dict[str, Any]:
    """Load the lexicon files beside this module (once).

    Returns:
        dict with ``states`` (list of state rows), ``names`` (person rows), ``publishers``
        (country publisher rows joined with their state row under ``state``) and
        ``phrases`` (the formula lexicon).
    """
    states = json.loads((HERE / "states.json").read_text(encoding="utf-8"))["states"]
    names = json.loads((HERE / "names.json").read_text(encoding="utf-8"))
    pubs = json.loads((HERE / "publishers.json").read_text(encoding="utf-8"))["publishers"]
    phrases = json.loads((HERE / "phrases.json").read_text(encoding="utf-8"))
    by_code = {s["code"]: s for s in states}
    for p in pubs:
        p["state"] = by_code[p["code"]]
    return {"states": states, "names": names["names"], "publishers": pubs,
            "phrases": phrases, "by_code": by_code, "traditions": names["traditions"],
            "family_first_states": set(names["family_first_states"]),
            "caps_traditions": set(names["caps_traditions"])}


# --------------------------------------------------------------------------- helpers


def bare(state: dict[str, Any]) -> str:
    """A state's name without a leading "the" ("the Netherlands" -> "Netherlands")."""
    name: str = state["name"]
    return name[4:] if name.startswith("the ") else name


def possessive(state: dict[str, Any]) -> str:
    """``"Indonesia's"``, ``"the Netherlands'"``: the state's name as a possessive."""
    name: str = state["name"]
    return name + ("'" if name.endswith("s") else "'s")


def cap_first(text: str) -> str:
    """Upper-case the first character (for a phrase opening a sentence)."""
    return text[:1].upper() + text[1:]


def long_date(day: dt.date) -> str:
    """``4 April 2024``."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def us_date(day: dt.date) -> str:
    """``April 4, 2024``."""
    return f"{MONTHS[day.month - 1]} {day.day}, {day.year}"


@dataclass
class Slots:
    """The fillers of one case, drawn apart from its template choices so that an
    invariance copy can redraw one group of them (names, states or publisher) alone."""

    pub: dict[str, Any]
    """The publisher's row (``publishers.json``) joined with its state."""
    people: list[dict[str, Any]]
    """Distinct people (``names.json``)."""
    states: list[dict[str, Any]]
    """Distinct states, none of them the publisher's."""
    day: dt.date
    """The meeting's day (the release date unless the family says otherwise)."""
    extra: dict[str, Any] = field(default_factory=dict)


STATE_POOL_EXCLUDE = {"VAT", "COD", "COG", "DMA", "MNG"}
"""States never drawn: the Holy See has no foreign minister; the two Congos share the
adjective "Congolese", and Dominica shares "Dominican" with the Dominican Republic (an
adjective the templates use could not tell them apart); Mongolian names have no order the
corpus guide settles."""


def fits(who: dict[str, Any], code: str) -> bool:
    """Whether a person of ``who``'s naming tradition may represent state ``code``: a
    tradition bound to states (``names.json`` ``traditions``) only for them, and the
    family-first states only people of a tradition bound to them or written with the
    family name in capitals."""
    lex = lexicons()
    bound = lex["traditions"].get(who["tradition"])
    if bound is not None:
        return code in bound
    return code not in lex["family_first_states"] or who["tradition"] in lex["caps_traditions"]


def draw_people(rng: random.Random, roles: list[str]) -> list[dict[str, Any]]:
    """Draw one person per role (the state codes they represent: the publisher's, then
    the drawn states'), each fitting their state (:func:`fits`), no two sharing a family
    name."""
    names = lexicons()["names"]
    out: list[dict[str, Any]] = []
    for code in roles:
        pool = [p for p in names if fits(p, code) and all(
            p["family_name"].casefold() != q["family_name"].casefold() for q in out)]
        out.append(rng.choice(pool))
    return out


def draw_states(rng: random.Random, pub_code: str | None, n: int = 9,
                people: list[dict[str, Any]] | None = None) -> list[dict[str, Any]]:
    """Draw ``n`` distinct states, none of them ``pub_code`` (the publisher's); with
    ``people`` (publisher's official first), the first states fit people[1:]."""
    pool = [s for s in lexicons()["states"]
            if s["code"] != pub_code and s["code"] not in STATE_POOL_EXCLUDE]
    if people is None:
        return rng.sample(pool, n)
    states: list[dict[str, Any]] = []
    for who in people[1:]:
        states.append(rng.choice([st for st in pool if st not in states
                                  and fits(who, st["code"])]))
    rest = [st for st in pool if st not in states]
    return states + rng.sample(rest, n - len(states))


def draw_pub(rng: random.Random, need: Callable[[dict[str, Any]], bool] | None = None
             ) -> dict[str, Any]:
    """Draw a country publisher (``publishers.json``), optionally one meeting ``need``."""
    pubs = [p for p in lexicons()["publishers"] if need is None or need(p)]
    return rng.choice(pubs)


def roles_of(pub: dict[str, Any], states: list[dict[str, Any]]) -> list[str]:
    """The states the people of a case represent: the publisher's, then the first three
    drawn states'."""
    return [pub["code"]] + [st["code"] for st in states[:3]]


def draw_day(rng: random.Random) -> dt.date:
    """A day in 2024 or 2025."""
    return dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(730))


def draw_slots(rng: random.Random, need: Callable[[dict[str, Any]], bool] | None = None
               ) -> Slots:
    """Draw a publisher, four people, nine states and a day for one case."""
    pub = draw_pub(rng, need)
    states = draw_states(rng, pub["code"])
    return Slots(pub=pub, people=draw_people(rng, roles_of(pub, states)), states=states,
                 day=draw_day(rng))


def person(t: random.Random, who: dict[str, Any], honorific: bool = True) -> str:
    """A person as written, with an honorific the corpus drops (or none)."""
    prefix = t.choice(lexicons()["phrases"]["honorifics"]) if honorific else ""
    return prefix + who["written"]


def tied(t: random.Random, who: dict[str, Any], state: dict[str, Any], title: str,
         form: str | None = None) -> tuple[str, str]:
    """An official tied to a state by structure.

    Args:
        t: the template RNG.
        who: the person.
        state: the state the person represents.
        title: the office, without the state.
        form: ``appos_of`` ("X, Minister of Foreign Affairs of Y"), ``possessive`` ("Y's
            Foreign Minister X"), ``title_of`` ("Foreign Minister X of Y"), ``adjective``
            ("the Y Foreign Minister X"); drawn where None.

    Returns:
        (phrase, form).
    """
    form = form or t.choice(("appos_of", "possessive", "title_of", "adjective"))
    name = who["written"]
    if form == "appos_of":
        return f"{name}, {title} of {state['name']},", form
    if form == "possessive":
        return f"{possessive(state)} {title} {name}", form
    if form == "title_of":
        return f"{title} {name} of {state['name']}", form
    return f"the {state['adjective']} {title} {name}", form


def untied(who: dict[str, Any], title: str, form: str) -> str:
    """The same official as :func:`tied` makes, with the state taken away."""
    name = who["written"]
    if form == "appos_of":
        return f"{name}, {title},"
    if form in ("possessive", "title_of"):
        return f"{title} {name}"
    return f"the {title}, {name},"


def topics(t: random.Random, k: int = 2) -> str:
    """``"maritime security and trade and investment"``: k topics, no state in them."""
    chosen = t.sample(lexicons()["phrases"]["topics"], k)
    return " and ".join(chosen) if k <= 2 else ", ".join(chosen[:-1]) + " and " + chosen[-1]


def mention(t: random.Random, state: dict[str, Any]) -> str:
    """A clause that names a state without anyone representing it."""
    return t.choice(lexicons()["phrases"]["mention_frames"]).format(name=state["name"])


def own_official(t: random.Random, s: Slots, who: dict[str, Any], mid: bool = False) -> str:
    """The publisher's own official, named without a state ("The Foreign Secretary, Tom
    Hartley," / "Foreign Secretary Tom Hartley"); ``mid``: inside a sentence ("the ...")."""
    title = s.pub["foreign_minister"]
    if t.random() < 0.5:
        return f"{'the' if mid else 'The'} {title}, {who['written']},"
    return f"{title} {who['written']}"


def cp_title(t: random.Random) -> str:
    """A counterpart's office that no one state alone uses."""
    return t.choice(lexicons()["phrases"]["counterpart_titles"])


def usable_city(state: dict[str, Any]) -> bool:
    """A capital that does not hold its state's name (Singapore, Kuwait City...)."""
    return not state["capital_shares_name"]


def city_of(states: list[dict[str, Any]]) -> str:
    """The first usable capital among ``states``."""
    for st in states:
        if usable_city(st):
            return str(st["capital"])
    return "Geneva"


Made = tuple[str, str | None, str | None, dict[str, Any]]
"""What a family template returns: (text, publisher argument, release_date argument,
expect)."""

Family = Callable[[random.Random, Slots], Made]


# --------------------------------------------------------------- (1) publisher and own side


def _pub_ministry(p: dict[str, Any]) -> bool:
    return bool(p["ministry"])


def _pub_unique(p: dict[str, Any]) -> bool:
    return bool(p["unique_own_titles"])


def fam_own_ministry_header(t: random.Random, s: Slots, drop: bool = False) -> Made:
    """The publisher named only by its ministry (header or 'From:' footer); its minister has
    no state written and represents the publisher. ``drop``: the directional copy without
    the ministry line, where the minister's state is null or the publisher's (an office
    only its state has), never the counterpart's."""
    own, cp = s.people[0], s.people[1]
    y = s.states[0]
    ministry = t.choice(s.pub["ministry"])
    cp_phrase, _ = tied(t, cp, y, cp_title(t), t.choice(("possessive", "title_of",
                                                          "appos_of")))
    body = (f"{own_official(t, s, own)} met {cp_phrase} today. "
            f"They discussed {topics(t)}.")
    head = t.choice((f"Foreign Minister meets {y['adjective']} counterpart",
                     f"Meeting with {possessive(y)} Foreign Minister"))
    if t.random() < 0.5:
        text = f"{ministry}\n{head}\n{long_date(s.day)}\n{body}"
    else:
        text = f"Press release\n{head}\n{body}\nFrom:\n{ministry}\nPublished\n{long_date(s.day)}"
    if drop:
        text = "\n".join(line for line in text.split("\n")
                         if line not in (ministry, "From:"))
        return text, None, None, {
            "officials_country_in": [[own["family_name"], [None, s.pub["code"]]],
                                     [cp["family_name"], [y["code"]]]],
        }
    return text, None, None, {
        "officials": [[own["family_name"], s.pub["code"]], [cp["family_name"], y["code"]]],
        "participants": sorted([s.pub["code"], y["code"]]),
    }


def fam_own_ministry_dropped(t: random.Random, s: Slots) -> Made:
    """:func:`fam_own_ministry_header` without its ministry line (directional)."""
    return fam_own_ministry_header(t, s, drop=True)


def fam_own_unique_title(t: random.Random, s: Slots) -> Made:
    """The publisher read from an office only its state has ("External Affairs Minister",
    "Tánaiste", "Federal Foreign Minister")."""
    own, cp = s.people[0], s.people[1]
    y = s.states[0]
    title = t.choice(s.pub["unique_own_titles"])
    cp_phrase, _ = tied(t, cp, y, cp_title(t), t.choice(("possessive", "title_of")))
    opener = t.choice((f"{title} {own['written']}", f"The {title}, {own['written']},"))
    text = (f"Press Release\nMeeting with the Foreign Minister of {y['name']}\n"
            f"{long_date(s.day)}\n{opener} met {cp_phrase} today. "
            f"They reviewed {topics(t)}.")
    return text, None, None, {
        "officials": [[own["family_name"], s.pub["code"]], [cp["family_name"], y["code"]]],
        "participants": sorted([s.pub["code"], y["code"]]),
    }


def fam_own_headline_state(t: random.Random, s: Slots) -> Made:
    """The publisher given; the headline names the counterpart's state; the publisher's own
    minister (no state written) still represents the publisher."""
    own, cp = s.people[0], s.people[1]
    y = s.states[0]
    cp_phrase, _ = tied(t, cp, y, cp_title(t), t.choice(("possessive", "appos_of")))
    head = t.choice((f"Meeting with {possessive(y)} Foreign Minister",
                     f"Foreign Minister meets {y['adjective']} counterpart",
                     f"Talks with the Foreign Minister of {y['name']}"))
    text = (f"Media release\n{head}\n{long_date(s.day)}\n"
            f"{own_official(t, s, own)} today met {cp_phrase} "
            f"in {s.pub['state']['capital']}. They discussed {topics(t)}.")
    return text, s.pub["code"], None, {
        "officials": [[own["family_name"], s.pub["code"]], [cp["family_name"], y["code"]]],
        "participants": sorted([s.pub["code"], y["code"]]),
    }


def fam_own_we(t: random.Random, s: Slots) -> Made:
    """"We"/"our" is the publisher: its state takes part though none of its officials is
    named."""
    cp = s.people[1]
    y = s.states[0]
    cp_phrase, _ = tied(t, cp, y, cp_title(t), t.choice(("possessive", "adjective")))
    text = (f"Media release\nVisit of the Foreign Minister of {y['name']}\n{long_date(s.day)}\n"
            f"Today we welcomed {cp_phrase} to {s.pub['state']['capital']} for talks. "
            f"We discussed our partnership and {topics(t, 1)}.")
    return text, s.pub["code"], None, {
        "officials": [[cp["family_name"], y["code"]]],
        "participants": sorted([s.pub["code"], y["code"]]),
    }


def fam_own_unclear(t: random.Random, s: Slots) -> Made:
    """The page does not make its publisher clear: the own minister's state is null with a
    warning, never a guess (not the counterpart's, not the headline's)."""
    own, cp = s.people[0], s.people[1]
    y = s.states[0]
    title = t.choice(lexicons()["phrases"]["generic_titles"])
    cp_phrase, _ = tied(t, cp, y, cp_title(t), t.choice(("possessive", "title_of")))
    text = (f"Press release\nForeign Minister meets {y['adjective']} counterpart\n"
            f"{long_date(s.day)}\n{title} {own['written']} met {cp_phrase} today. "
            f"They discussed {topics(t)}.")
    return text, None, None, {
        "officials": [[own["family_name"], None], [cp["family_name"], y["code"]]],
        "warnings_include": ["official_country_unknown"],
    }


# ---------------------------------------------------------------- (2) structure over proximity


def _structure(t: random.Random, s: Slots, form: str, drop: bool) -> Made:
    own, cp = s.people[0], s.people[1]
    y, z = s.states[0], s.states[1]
    title = cp_title(t)
    cp_phrase = untied(cp, title, form) if drop else tied(t, cp, y, title, form)[0]
    verb = t.choice(("met", "held talks with", "held a meeting with"))
    other = mention(t, z)
    where = t.choice(("headline", "clause"))
    head = (f"Foreign Minister meets counterpart, discusses {other}"
            if where == "headline" else "Foreign Minister meets counterpart")
    tail = (f"They discussed {topics(t)}." if where == "headline"
            else f"They also discussed {other}.")
    text = (f"Press release\n{head}\n{long_date(s.day)}\n"
            f"{own_official(t, s, own)} {verb} {cp_phrase} today. {tail}")
    if drop:
        expect: dict[str, Any] = {
            "officials_country_in": [[own["family_name"], [s.pub["code"]]],
                                     [cp["family_name"], [None, s.pub["code"]]]],
        }
    else:
        expect = {
            "officials": [[own["family_name"], s.pub["code"]], [cp["family_name"], y["code"]]],
            "participants": sorted([s.pub["code"], y["code"]]),
            "mentioned": [z["code"]],
        }
    return text, s.pub["code"], None, expect


def _structure_family(form: str, drop: bool) -> Family:
    def fam(t: random.Random, s: Slots) -> Made:
        return _structure(t, s, form, drop)

    what = "without its state" if drop else "tied to its state"
    fam.__doc__ = f"The counterpart written '{form}' {what}; a third state named elsewhere."
    return fam


def fam_structure_both_foreign(t: random.Random, s: Slots) -> Made:
    """Two foreign officials, each tied to its state by a different form, in one sentence
    that names a third state in between: each keeps its own."""
    a, b = s.people[1], s.people[2]
    y, w, z = s.states[0], s.states[1], s.states[2]
    fa, fb = t.sample(["appos_of", "possessive", "title_of", "adjective"], 2)
    pa, _ = tied(t, a, y, cp_title(t), fa)
    pb, _ = tied(t, b, w, cp_title(t), fb)
    text = (f"Press release\n{y['adjective']} and {w['adjective']} ministers meet\n"
            f"{long_date(s.day)}\n{cap_first(pa)} met {pb} today to discuss {mention(t, z)}.")
    return text, None, None, {
        "officials": [[a["family_name"], y["code"]], [b["family_name"], w["code"]]],
        "participants": sorted([y["code"], w["code"]]),
        "mentioned": [z["code"]],
    }


# ------------------------------------------------------------------- (3) release-date layouts


def _ambiguous_day(t: random.Random, year: int) -> dt.date:
    """A day whose day and month are both <= 12 and differ (03/04: either order)."""
    month = t.randint(1, 12)
    day = t.choice([d for d in range(1, 13) if d != month])
    return dt.date(year, month, day)


def _numeric_line(layout: str, day: dt.date, order: str) -> str:
    first, second = (day.day, day.month) if order == "DMY" else (day.month, day.day)
    sep = "/" if layout == "slash_bar" else "."
    tail = " | Press Release" if layout == "slash_bar" else " - Press release"
    return f"{first:02d}{sep}{second:02d}{sep}{day.year}{tail}"


def _date_body(t: random.Random, s: Slots) -> str:
    own, cp = s.people[0], s.people[1]
    y = s.states[0]
    cp_phrase, _ = tied(t, cp, y, cp_title(t), t.choice(("possessive", "title_of")))
    return f"{own_official(t, s, own)} met {cp_phrase} today. They discussed {topics(t)}."


def _date_numeric(layout: str, source: str) -> Family:
    def fam(t: random.Random, s: Slots) -> Made:
        day = _ambiguous_day(t, s.day.year)
        order = s.pub["date_order"]
        pub_arg: str | None = s.pub["code"]
        head = f"Minister meets Foreign Minister of {s.states[0]['name']}"
        lines = [_numeric_line(layout, day, order), head, _date_body(t, s)]
        if source == "page":
            pub_arg = None
            lines.insert(0, t.choice(s.pub["ministry"]))
        text = "\n".join(lines)
        iso = day.isoformat()
        return text, pub_arg, None, {"release_date": iso, "date": iso,
                                     "warnings_exclude": ["date_ambiguous"]}

    fam.__doc__ = (f"An ambiguous numeric {layout} date line read in the publisher's order "
                   f"(publisher {'from the ministry line' if source == 'page' else 'given'}).")
    return fam


def fam_date_ambiguous_no_publisher(t: random.Random, s: Slots) -> Made:
    """An ambiguous numeric date and no publisher on the page: release date null with
    ``date_ambiguous``; "today" then has no date either."""
    day = _ambiguous_day(t, s.day.year)
    layout = "slash_bar"  # "DD.MM.YYYY" is day-first by convention: not ambiguous
    a, b = s.states[0], s.states[1]
    text = (f"{_numeric_line(layout, day, 'DMY')}\n{a['adjective']} and {b['adjective']} "
            f"foreign ministers meet\nThe foreign ministers of {a['name']} and {b['name']} met "
            f"in {city_of([a, b])} today to discuss {topics(t)}.")
    return text, None, None, {"release_date": None, "date": None,
                              "warnings_include": ["date_ambiguous"]}


def fam_date_unambiguous_numeric(t: random.Random, s: Slots) -> Made:
    """A numeric date whose day is over 12 needs no publisher: day first."""
    day = s.day.replace(day=max(13, s.day.day))
    layout = t.choice(("slash_bar", "dotted"))
    text = "\n".join([_numeric_line(layout, day, "DMY"),
                      f"Minister meets Foreign Minister of {s.states[0]['name']}",
                      _date_body(t, s)])
    return text, s.pub["code"] if s.pub["date_order"] == "DMY" else None, None, {
        "release_date": day.isoformat(), "date": day.isoformat()}


def fam_date_published_weekday(t: random.Random, s: Slots) -> Made:
    """"Published: Wednesday, 2 October 2024" (the weekday right)."""
    weekday = s.day.strftime("%A")
    line = f"Published: {weekday}, {long_date(s.day)}"
    head = f"Minister meets Foreign Minister of {s.states[0]['name']}"
    text = f"{head}\n{line}\n{_date_body(t, s)}"
    return text, s.pub["code"], None, {"release_date": s.day.isoformat(),
                                       "date": s.day.isoformat()}


def fam_date_iso(t: random.Random, s: Slots) -> Made:
    """An ISO date line ("2024-05-21")."""
    head = f"Minister meets Foreign Minister of {s.states[0]['name']}"
    text = f"Press release\n{s.day.isoformat()}\n{head}\n{_date_body(t, s)}"
    return text, s.pub["code"], None, {"release_date": s.day.isoformat(),
                                       "date": s.day.isoformat()}


def fam_date_long_forms(t: random.Random, s: Slots) -> Made:
    """"Published 14 November 2024" below the body, or "March 4, 2025" under the headline."""
    head = f"Minister meets Foreign Minister of {s.states[0]['name']}"
    if t.random() < 0.5:
        text = f"Press release\n{head}\n{_date_body(t, s)}\nPublished {long_date(s.day)}"
    else:
        text = f"Press Releases\n{head}\n{us_date(s.day)}\n{_date_body(t, s)}"
    return text, s.pub["code"], None, {"release_date": s.day.isoformat(),
                                       "date": s.day.isoformat()}


def fam_date_dateline(t: random.Random, s: Slots) -> Made:
    """A dateline ("Paris, 4 April 2024") gives the release date; "today" counts from it."""
    cap = s.pub["state"]["capital"]
    head = f"Meeting with the Foreign Minister of {s.states[0]['name']}"
    text = f"{head}\n{cap}, {long_date(s.day)}\n{_date_body(t, s)}"
    return text, s.pub["code"], None, {"release_date": s.day.isoformat(),
                                       "date": s.day.isoformat()}


def _ordinal(n: int) -> str:
    return f"{n}{'th' if 11 <= n % 100 <= 13 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


def fam_date_other_layouts(t: random.Random, s: Slots) -> Made:
    """Further date lines: "4th April 2024", "04 Apr 2024", "Date: 4 April 2024",
    "Thursday 4 April 2024", "April 04, 2024"."""
    layout = t.choice(lexicons()["phrases"]["date_layouts_more"])
    month = MONTHS[s.day.month - 1]
    line = layout.format(d=s.day.day, dd=f"{s.day.day:02d}", month=month, mon=month[:3],
                         yyyy=s.day.year, weekday=s.day.strftime("%A"))
    line = line.replace(f"{s.day.day}th ", f"{_ordinal(s.day.day)} ")
    head = f"Minister meets Foreign Minister of {s.states[0]['name']}"
    text = f"Press release\n{head}\n{line}\n{_date_body(t, s)}"
    return text, s.pub["code"], None, {"release_date": s.day.isoformat(),
                                       "date": s.day.isoformat()}


def fam_date_numeric_title(t: random.Random, s: Slots) -> Made:
    """An ambiguous "DD/MM/YYYY | Press Release" line whose publisher only an office
    unique to its state makes clear ("External Affairs Minister"): its order (day first)."""
    day = _ambiguous_day(t, s.day.year)
    own, cp = s.people[0], s.people[1]
    y = s.states[0]
    title = t.choice(s.pub["unique_own_titles"])
    cp_phrase, _ = tied(t, cp, y, cp_title(t), "title_of")
    text = (f"{_numeric_line('slash_bar', day, s.pub['date_order'])}\nMeeting with the "
            f"Foreign Minister of {y['name']}\n{title} {own['written']} met {cp_phrase} today.")
    return text, None, None, {"release_date": day.isoformat(), "date": day.isoformat()}


def fam_date_yesterday(t: random.Random, s: Slots) -> Made:
    """"yesterday" counts back from the release date line."""
    own, cp = s.people[0], s.people[1]
    y = s.states[0]
    cp_phrase, _ = tied(t, cp, y, cp_title(t), "possessive")
    text = (f"Press release\nMinister meets {y['adjective']} counterpart\n{long_date(s.day)}\n"
            f"{own_official(t, s, own)} met {cp_phrase} yesterday.")
    return text, s.pub["code"], None, {
        "release_date": s.day.isoformat(),
        "date": (s.day - dt.timedelta(days=1)).isoformat()}


# --------------------------------------------------------------------- (4) meeting form


def _form_family(mtype: str, headline: bool) -> Family:
    def fam(t: random.Random, s: Slots) -> Made:
        ph = lexicons()["phrases"]
        own, cp = s.people[0], s.people[1]
        y = s.states[0]
        verb = t.choice(ph["verbs"][mtype])
        cp_phrase, _ = tied(t, cp, y, cp_title(t), t.choice(("possessive", "title_of",
                                                              "appos_of")))
        if headline:
            head = ph["headlines"][mtype].format(a=bare(s.pub["state"]), b=bare(y))
        else:
            head = "Press release"
        where = "" if mtype in ("telephone_talk", "video_conference") else (
            f" in {city_of([s.pub['state'], y])}")
        text = (f"{head}\n{long_date(s.day)}\n{own_official(t, s, own)} {verb} "
                f"{cp_phrase}{where} today. They discussed {topics(t)}.")
        expect: dict[str, Any] = {"meeting_type": mtype,
                                  "participants": sorted([s.pub["code"], y["code"]])}
        if mtype in ("telephone_talk", "video_conference"):
            expect["location"] = None
        return text, s.pub["code"], None, expect

    fam.__doc__ = f"A {mtype} told by its verb{' and headline' if headline else ''}."
    return fam


def fam_form_courtesy_call(t: random.Random, s: Slots) -> Made:
    """The visitor calls on the host: a courtesy call."""
    own, cp = s.people[0], s.people[1]
    y = s.states[0]
    envoy = (f"{possessive(y)} Ambassador {cp['written']}" if t.random() < 0.5
             else f"{cp['written']}, Ambassador of {y['name']},")
    title = s.pub["foreign_minister"]
    if t.random() < 0.5:
        body = f"{cap_first(envoy)} paid a courtesy call on {title} {own['written']} today."
    else:
        body = f"{title} {own['written']} received a courtesy call from {envoy} today."
    text = (f"Press Releases\nCourtesy Call on {title} {own['family_name']} by the Ambassador "
            f"of {y['name']}\n{long_date(s.day)}\n{body} They exchanged views on {topics(t)}.")
    return text, s.pub["code"], None, {"meeting_type": "courtesy_call",
                                       "participants": sorted([s.pub["code"], y["code"]])}


def fam_form_visit_not_courtesy(t: random.Random, s: Slots) -> Made:
    """The publisher's minister, visiting, meets the host: a meeting, not a courtesy call
    (the visitor is the publisher's side; it calls on no one)."""
    own, cp = s.people[0], s.people[1]
    y = s.states[0]
    cp_phrase, _ = tied(t, cp, y, t.choice(("President", "Prime Minister")), "possessive")
    text = (f"Press release\nForeign Minister visits {bare(y)}\n{long_date(s.day)}\n"
            f"During a visit to {city_of([y])}, {own_official(t, s, own, mid=True)} "
            f"held talks with {cp_phrase} today on {topics(t)}.")
    return text, s.pub["code"], None, {"meeting_type": "meeting",
                                       "participants": sorted([s.pub["code"], y["code"]])}


# ------------------------------------------------------------------------ (5) lists of states


def _join(items: list[str]) -> str:
    return ", ".join(items[:-1]) + " and " + items[-1]


def fam_list_ministers_of(t: random.Random, s: Slots) -> Made:
    """"The foreign ministers of A, B, ... and H met in CITY": every listed state takes part."""
    n = t.randint(3, 8)
    listed, z = s.states[:n], s.states[8]
    verb = t.choice(("met", "held talks", "gathered"))
    lead = t.choice(("The foreign ministers of", "Foreign ministers from", "The ministers of"))
    city = city_of(listed)
    text = (f"Foreign ministers meet in {city}\n{long_date(s.day)}\n{lead} "
            f"{_join([st['name'] for st in listed])} {verb} in {city} on {s.day.day} "
            f"{MONTHS[s.day.month - 1]} to discuss {mention(t, z)}.")
    return text, None, None, {"meeting_type": "meeting", "location": city,
                              "participants": sorted(st["code"] for st in listed),
                              "mentioned": [z["code"]]}


def fam_list_adjectives(t: random.Random, s: Slots) -> Made:
    """"The Danish, Estonian and Finnish foreign ministers met": adjectives stand for the
    listed states, each a participant."""
    n = t.randint(3, 6)
    listed = [st for st in s.states[:8] if st["adjective"] != st["name"]][:n]
    z = s.states[8]
    city = city_of(listed)
    text = (f"Joint meeting of foreign ministers\n{long_date(s.day)}\nThe "
            f"{_join([st['adjective'] for st in listed])} foreign ministers met in {city} "
            f"today and discussed {mention(t, z)}.")
    return text, None, None, {"meeting_type": "meeting", "location": city,
                              "participants": sorted(st["code"] for st in listed),
                              "mentioned": [z["code"]]}


def fam_list_with_own(t: random.Random, s: Slots) -> Made:
    """The publisher's minister met the ministers of a list of states: the publisher and
    every listed state take part."""
    own = s.people[0]
    n = t.randint(2, 6)
    listed = s.states[:n]
    city = s.pub["state"]["capital"]
    text = (f"Press release\n{long_date(s.day)}\n{own_official(t, s, own)} met the foreign "
            f"ministers of {_join([st['name'] for st in listed])} in {city} today to "
            f"discuss {topics(t)}.")
    return text, s.pub["code"], None, {
        "meeting_type": "meeting",
        "participants": sorted([s.pub["code"]] + [st["code"] for st in listed])}


# ------------------------------------------------------------------ (6) times and durations


def fam_time_began_lasted(t: random.Random, s: Slots) -> Made:
    """"The meeting, which began at 0930 hrs, lasted an hour"."""
    ph = lexicons()["phrases"]
    own, cp = s.people[0], s.people[1]
    y = s.states[0]
    tm, hhmm = t.choice(ph["times"])
    du, mins = t.choice(ph["durations"])
    cp_phrase, _ = tied(t, cp, y, cp_title(t), "possessive")
    text = (f"Press release\n{long_date(s.day)}\n{own_official(t, s, own)} met {cp_phrase} in "
            f"{city_of([y])} today. The meeting, which began at {tm}, lasted {du}.")
    return text, s.pub["code"], None, {"start_time": hhmm, "duration_minutes": mins}


def fam_time_commencing(t: random.Random, s: Slots) -> Made:
    """"At 15h30, ... for one and a half hours" (time first, duration after)."""
    ph = lexicons()["phrases"]
    own, cp = s.people[0], s.people[1]
    y = s.states[0]
    tm, hhmm = t.choice(ph["times"])
    du, mins = t.choice(ph["durations"])
    cp_phrase, _ = tied(t, cp, y, cp_title(t), "appos_of")
    text = (f"Press Releases\n{us_date(s.day)}\nOn {MONTHS[s.day.month - 1]} {s.day.day}, "
            f"commencing at {tm} for {du}, {own_official(t, s, own, mid=True)} held a "
            f"meeting with {cp_phrase.rstrip(',')}.")
    return text, s.pub["code"], None, {"start_time": hhmm, "duration_minutes": mins,
                                       "date": s.day.isoformat()}


def fam_time_n_minute_meeting(t: random.Random, s: Slots) -> Made:
    """"held a 90-minute meeting with ... at 1100 hours"."""
    ph = lexicons()["phrases"]
    own, cp = s.people[0], s.people[1]
    y = s.states[0]
    tm, hhmm = t.choice(ph["times"])
    adj, mins = t.choice(ph["duration_adjectives"])
    cp_phrase, _ = tied(t, cp, y, cp_title(t), "title_of")
    article = "an" if adj.startswith(("8", "a", "e", "i", "o", "u", "hour")) and not (
        adj.startswith("one")) else "a"
    text = (f"Press release\n{long_date(s.day)}\n{own_official(t, s, own)} held {article} {adj} "
            f"meeting with {cp_phrase} at {tm} today.")
    return text, s.pub["code"], None, {"start_time": hhmm, "duration_minutes": mins}


def fam_time_range(t: random.Random, s: Slots) -> Made:
    """"from 10:30 a.m. to 11:45 a.m.": start, end, and their difference."""
    own, cp = s.people[0], s.people[1]
    y = s.states[0]
    start = t.randrange(8 * 60, 16 * 60, 15)
    length = t.choice((30, 45, 60, 75, 90))
    end = start + length

    def clock(m: int, style: str) -> str:
        h, mi = divmod(m, 60)
        if style == "24":
            return f"{h:02d}:{mi:02d}"
        if style == "hrs":
            return f"{h:02d}{mi:02d} hrs"
        return f"{(h - 1) % 12 + 1}:{mi:02d} {'a.m.' if h < 12 else 'p.m.'}"

    style = t.choice(("24", "hrs", "12"))
    cp_phrase, _ = tied(t, cp, y, cp_title(t), "appos_of")
    text = (f"Press release\n{long_date(s.day)}\nOn {s.day.day} {MONTHS[s.day.month - 1]}, "
            f"from {clock(start, style)} to {clock(end, style)}, "
            f"{own_official(t, s, own, mid=True)} held talks with {cp_phrase.rstrip(',')}.")
    return text, s.pub["code"], None, {
        "start_time": clock(start, "24"), "end_time": clock(end, "24"),
        "duration_minutes": length}


# ------------------------------------------------------------------------------- (7) names


def fam_names_tied(t: random.Random, s: Slots) -> Made:
    """Both officials tied to their states; names of many traditions, honorifics dropped."""
    a, b = s.people[1], s.people[2]
    y, w = s.states[0], s.states[1]
    pa = f"{person(t, a)}, {cp_title(t)} of {y['name']},"
    pb = f"{person(t, b)}, {cp_title(t)} of {w['name']}"
    text = (f"Press release\n{long_date(s.day)}\nToday {pa} met {pb}. "
            f"They discussed {topics(t)}.")
    return text, None, None, {"officials": [[a["family_name"], y["code"]],
                                            [b["family_name"], w["code"]]]}


def fam_names_title_before(t: random.Random, s: Slots) -> Made:
    """A capitalised title directly before the name, no honorific ("Foreign Minister
    Pieter van den Berg of the Netherlands")."""
    a, b = s.people[0], s.people[1]
    y = s.states[0]
    own = own_official(t, s, a)
    pb, _ = tied(t, b, y, cp_title(t), t.choice(("title_of", "possessive")))
    text = f"Press release\n{long_date(s.day)}\n{own} met {pb} today."
    return text, s.pub["code"], None, {"officials": [[a["family_name"], s.pub["code"]],
                                                     [b["family_name"], y["code"]]]}


def fam_names_not_persons(t: random.Random, s: Slots) -> Made:
    """Capitalised non-person phrases ("the Free Trade Area", "the Joint Commission") are
    never officials."""
    ph = lexicons()["phrases"]
    a, b = s.people[0], s.people[1]
    y = s.states[0]
    np1, np2 = t.sample(ph["non_person_phrases"], 2)
    pb, _ = tied(t, b, y, cp_title(t), "possessive")
    text = (f"Press release\n{long_date(s.day)}\n{own_official(t, s, a)} met {pb} today. "
            f"The two ministers welcomed progress on {np1} and agreed to convene {np2} "
            f"later this year.")
    return text, s.pub["code"], None, {"officials": [[a["family_name"], s.pub["code"]],
                                                     [b["family_name"], y["code"]]]}


# --------------------------------------------------------------------------- (8) locations


def fam_loc_in_city_today(t: random.Random, s: Slots) -> Made:
    """"met ... in Bangkok today": the city is the location; a city is not a state."""
    ph = lexicons()["phrases"]
    own, cp = s.people[0], s.people[1]
    y = s.states[0]
    city = t.choice([c for c in ph["other_cities"]] + [city_of([y]), city_of([s.states[1]])])
    cp_phrase, _ = tied(t, cp, y, cp_title(t), t.choice(("possessive", "title_of")))
    order = t.random() < 0.5
    text = (f"Press release\n{long_date(s.day)}\n{own_official(t, s, own)} met {cp_phrase} "
            + (f"in {city} today." if order else f"today in {city}.")
            + f" They discussed {topics(t)}.")
    return text, s.pub["code"], None, {"location": city,
                                       "participants": sorted([s.pub["code"], y["code"]]),
                                       "mentioned": []}


def fam_loc_sidelines(t: random.Random, s: Slots) -> Made:
    """"on the sidelines of X in Y": Y is the location (or the event's own city)."""
    ph = lexicons()["phrases"]
    own, cp = s.people[0], s.people[1]
    y = s.states[0]
    event, event_city = t.choice(ph["events"])
    city = event_city or city_of([s.states[1], s.states[2]])
    place = event if city in event and t.random() < 0.5 else f"{event} in {city}"
    margin = t.choice(("on the sidelines of", "on the margins of"))
    cp_phrase, _ = tied(t, cp, y, cp_title(t), "possessive")
    text = (f"Press release\n{long_date(s.day)}\n{own_official(t, s, own)} met {cp_phrase} "
            f"{margin} {place} today. They discussed {topics(t)}.")
    return text, s.pub["code"], None, {"location": city,
                                       "participants": sorted([s.pub["code"], y["code"]])}


def fam_loc_none_for_call(t: random.Random, s: Slots) -> Made:
    """A call has no location, whatever city the minister spoke from."""
    own, cp = s.people[0], s.people[1]
    y = s.states[0]
    cp_phrase, _ = tied(t, cp, y, cp_title(t), "possessive")
    text = (f"Press release\n{long_date(s.day)}\n{own_official(t, s, own)} spoke by telephone "
            f"with {cp_phrase} today. They discussed {topics(t)}.")
    return text, s.pub["code"], None, {"location": None, "meeting_type": "telephone_talk"}


# ------------------------------------------------------------------------ (9) announcements


def _announce_parts(t: random.Random, s: Slots) -> dict[str, str]:
    own, cp = s.people[0], s.people[1]
    y = s.states[0]
    d1 = t.randint(2, 24)
    return {
        "own": f"{s.pub['foreign_minister']} {own['written']}",
        "cp": tied(t, cp, y, cp_title(t), "possessive")[0],
        "y": y["name"], "city": city_of([y]), "d1": str(d1), "d2": str(d1 + 2),
        "month": MONTHS[s.day.month - 1], "title": s.pub["foreign_minister"],
    }


def fam_announce(t: random.Random, s: Slots) -> Made:
    """A release that only announces a meeting to come carries ``announced``."""
    ph = lexicons()["phrases"]
    parts = _announce_parts(t, s)
    head = t.choice(ph["announce_headlines"]).format(**parts)
    body = cap_first(t.choice(ph["announce_frames"]).format(**parts))
    text = f"Press release\n{head}\n{long_date(s.day)}\n{body}"
    return text, s.pub["code"], None, {"warnings_include": ["announced"]}


def fam_report_with_future(t: random.Random, s: Slots) -> Made:
    """A report with a future aside is not an announcement."""
    ph = lexicons()["phrases"]
    parts = _announce_parts(t, s)
    body = cap_first(t.choice(ph["report_with_future_frames"]).format(**parts))
    text = f"Press release\nForeign Minister meets counterpart\n{long_date(s.day)}\n{body}"
    return text, s.pub["code"], None, {"warnings_exclude": ["announced"]}


# ------------------------------------------------------------------------------- registry


@dataclass(frozen=True)
class Spec:
    """One family: its kind, name, template, how many MFT cases, publisher constraint,
    and which invariance copies (``names``/``states``/``publisher``) it gets."""

    kind: str
    family: str
    make: Family
    n: int
    need: Callable[[dict[str, Any]], bool] | None = None
    inv: tuple[str, ...] = ("names", "states", "publisher")
    dir_of: Family | None = None
    """A template for a directional copy (same slots and template seed)."""


def _has_order(order: str) -> Callable[[dict[str, Any]], bool]:
    return lambda p: p["date_order"] == order


def _ministry_order(order: str) -> Callable[[dict[str, Any]], bool]:
    return lambda p: p["date_order"] == order and bool(p["ministry"])


FORMS = ("appos_of", "possessive", "title_of", "adjective")

SPECS: tuple[Spec, ...] = (
    Spec("publisher", "ministry-header", fam_own_ministry_header, 40, _pub_ministry,
         dir_of=fam_own_ministry_dropped),
    Spec("publisher", "unique-title", fam_own_unique_title, 40, _pub_unique),
    Spec("publisher", "headline-state", fam_own_headline_state, 40),
    Spec("publisher", "we-our", fam_own_we, 30),
    Spec("publisher", "unclear-publisher", fam_own_unclear, 30, inv=("names", "states")),
    *(Spec("structure", f"form-{form}", _structure_family(form, False), 30,
           dir_of=_structure_family(form, True)) for form in FORMS),
    Spec("structure", "two-foreign", fam_structure_both_foreign, 40, inv=("names", "states")),
    Spec("release_date", "slash-bar-given-dmy", _date_numeric("slash_bar", "given"), 25,
         _has_order("DMY")),
    Spec("release_date", "slash-bar-given-mdy", _date_numeric("slash_bar", "given"), 20,
         _has_order("MDY"), inv=("names", "states")),
    Spec("release_date", "slash-bar-page-dmy", _date_numeric("slash_bar", "page"), 20,
         _ministry_order("DMY")),
    Spec("release_date", "dotted-given", _date_numeric("dotted", "given"), 20,
         _has_order("DMY")),
    Spec("release_date", "dotted-page", _date_numeric("dotted", "page"), 20,
         _ministry_order("DMY")),
    Spec("release_date", "ambiguous-no-publisher", fam_date_ambiguous_no_publisher, 25,
         inv=("states",)),
    Spec("release_date", "unambiguous-numeric", fam_date_unambiguous_numeric, 20),
    Spec("release_date", "published-weekday", fam_date_published_weekday, 20),
    Spec("release_date", "iso", fam_date_iso, 20),
    Spec("release_date", "long-forms", fam_date_long_forms, 20),
    Spec("release_date", "dateline", fam_date_dateline, 20),
    Spec("release_date", "yesterday", fam_date_yesterday, 15),
    Spec("release_date", "other-layouts", fam_date_other_layouts, 30),
    Spec("release_date", "slash-bar-unique-title", fam_date_numeric_title, 20, _pub_unique),
    *(Spec("meeting_form", f"{m}-{'headline' if h else 'verb'}", _form_family(m, h),
           20 if m != "working_meal" else 12)
      for m in ("telephone_talk", "video_conference", "meeting", "working_meal")
      for h in (False, True)),
    Spec("meeting_form", "courtesy-call", fam_form_courtesy_call, 25),
    Spec("meeting_form", "visit-not-courtesy", fam_form_visit_not_courtesy, 20),
    Spec("state_lists", "ministers-of", fam_list_ministers_of, 70, inv=("states",)),
    Spec("state_lists", "adjectives", fam_list_adjectives, 40, inv=("states",)),
    Spec("state_lists", "with-own", fam_list_with_own, 40),
    Spec("times", "began-lasted", fam_time_began_lasted, 50),
    Spec("times", "commencing", fam_time_commencing, 45),
    Spec("times", "n-minute-meeting", fam_time_n_minute_meeting, 35),
    Spec("times", "range", fam_time_range, 30),
    Spec("names", "both-tied", fam_names_tied, 80, inv=("states",)),
    Spec("names", "title-before", fam_names_title_before, 50, inv=("states", "publisher")),
    Spec("names", "not-persons", fam_names_not_persons, 40),
    Spec("locations", "in-city-today", fam_loc_in_city_today, 60),
    Spec("locations", "sidelines", fam_loc_sidelines, 50),
    Spec("locations", "call-no-location", fam_loc_none_for_call, 25),
    Spec("announcements", "announce", fam_announce, 70),
    Spec("announcements", "report-with-future", fam_report_with_future, 40),
)
"""Every family, grouped by kind."""

INV_EVERY = 4
"""One MFT case in this many gets invariance copies (one per redrawn filler group)."""


def _case(spec: Spec, cid: str, test: str, made: Made, group: str | None) -> dict[str, Any]:
    text, pub, rel, expect = made
    case: dict[str, Any] = {"id": cid, "kind": spec.kind, "family": spec.family,
                            "test": test, "text": text}
    if pub is not None:
        case["publisher"] = pub
    if rel is not None:
        case["release_date"] = rel
    case["expect"] = expect
    if group is not None:
        case["group"] = group
    return case


def generate(seed: int = 2020, scale: float = 1.0) -> list[dict[str, Any]]:
    """Generate the suite's cases, deterministically.

    Args:
        seed: the seed of every random choice; the same seed gives the same cases.
        scale: multiplies each family's number of MFT cases (at least one each).

    Returns:
        The cases (see the module docstring), ordered by kind, family and index; ids are
        unique (``KIND/FAMILY/INDEX`` with ``-inv-WHAT`` or ``-dir`` for copies).
    """
    cases: list[dict[str, Any]] = []
    for spec in SPECS:
        fam_seed = f"{seed}/{spec.kind}/{spec.family}"
        for i in range(max(1, round(spec.n * scale))):
            base_id = f"{spec.kind}/{spec.family}/{i:03d}"
            slot_rng = random.Random(f"{fam_seed}/{i}/slots")
            slots = draw_slots(slot_rng, spec.need)
            tmpl_seed = f"{fam_seed}/{i}/template"
            made = spec.make(random.Random(tmpl_seed), slots)
            has_inv = i % INV_EVERY == 0 and spec.inv
            cases.append(_case(spec, base_id, "MFT", made, base_id if has_inv else None))
            if spec.dir_of is not None:
                cases.append(_case(spec, base_id + "-dir", "DIR",
                                   spec.dir_of(random.Random(tmpl_seed), slots), None))
            if not has_inv:
                continue
            for what in spec.inv:
                r = random.Random(f"{fam_seed}/{i}/inv/{what}")
                if what == "names":
                    new = replace(slots, people=draw_people(r, roles_of(slots.pub,
                                                                        slots.states)))
                elif what == "states":
                    new = replace(slots, states=draw_states(r, slots.pub["code"],
                                                            people=slots.people))
                else:
                    taken = {slots.pub["code"]} | set(roles_of(slots.pub, slots.states))
                    pub = draw_pub(r, lambda p, taken=taken, need=spec.need:
                                   p["code"] not in taken and (need is None or need(p)))
                    people = slots.people
                    while not fits(people[0], pub["code"]) or any(  # the old state's custom
                            people[0]["family_name"] == q["family_name"] for q in people[1:]):
                        people = draw_people(r, [pub["code"]]) + slots.people[1:]
                    swapped = [slots.pub["state"] if st["code"] == pub["code"] else st
                               for st in slots.states]
                    new = replace(slots, pub=pub, states=swapped, people=people)
                cases.append(_case(spec, f"{base_id}-inv-{what}", "INV",
                                   spec.make(random.Random(tmpl_seed), new), base_id))
    return cases


def sample(cases: list[dict[str, Any]], n: int = 60, seed: int = 0) -> list[dict[str, Any]]:
    """A deterministic sample of ``n`` MFT cases with every kind present (as even a share of
    each kind as ``n`` allows).

    Args:
        cases: the full suite (:func:`generate`).
        n: how many cases.
        seed: the sampling seed.

    Returns:
        The sampled cases in suite order.
    """
    rng = random.Random(seed)
    chosen: list[dict[str, Any]] = []
    for i, kind in enumerate(KINDS):
        per = max(1, n // len(KINDS) + (i < n % len(KINDS)))
        pool = [c for c in cases if c["kind"] == kind and c["test"] == "MFT"]
        chosen.extend(rng.sample(pool, min(per, len(pool))))
    order = {c["id"]: i for i, c in enumerate(cases)}
    return sorted(chosen, key=lambda c: order[c["id"]])
