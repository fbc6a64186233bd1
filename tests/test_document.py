"""Preparation of input text (diplex.document.prepare): the Latin-script check."""

from __future__ import annotations

import random
import re

from diplex.document import prepare

_LETTER = re.compile(r"[^\W\d_]")
_LATIN = re.compile(r"[A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F]")


def _mostly_other_script(text: str) -> bool:
    return "not in Latin script" in " ".join(w.message for w in prepare(text).warnings)


def test_latin_share_is_counted_letter_by_letter():
    """A text is flagged where fewer than half of its letters are Latin; digits, "_", signs
    (× ÷) and spaces are no letters, and ª/º are letters of no script the check names."""
    assert _mostly_other_script("Москва " * 5 + "Paris")
    assert not _mostly_other_script("Москва Paris Berlin")  # 6 Cyrillic, 11 Latin letters
    assert not _mostly_other_script("abc Где")  # 3 and 3: half is enough
    assert _mostly_other_script("ab Где 1234567890 ×÷ ___")
    assert not _mostly_other_script("Ñandú Øresund ŽŠČ дом")


def test_letter_runs_count_what_a_count_letter_by_letter_gives():
    """The check counts letters by runs; on random text of mixed scripts, digits and signs
    it decides as a count of single letters does."""
    rng = random.Random(11)
    pool = "abcXYZñßØ×÷ª_19 \u0434\u043e\u043c\u6771\u4eac\u0645\u0635\u0631"
    for _ in range(2000):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(1, 40)))
        if not text.strip():
            continue
        letters, latin = len(_LETTER.findall(text)), len(_LATIN.findall(text))
        expected = bool(letters) and latin / letters < 0.5
        assert _mostly_other_script(text) == expected, text


def test_function_words_of_other_languages_decide_and_name_particles_do_not():
    from diplex.document import looks_english

    french = ("Le ministre des Affaires étrangères a reçu son homologue dans le cadre de la "
              "visite officielle et ils ont discuté de la coopération pour les deux pays.")
    assert not looks_english(french)
    names = ("Ministers van der Berg, dos Santos, de la Cruz, van den Broek, da Silva, "
             "el Sayed, di Maio, von der Leyen, du Pont, de Souza, del Rio and le Drian met.")
    assert looks_english(names)  # every function word stands before a capitalised name
    # a lower-case particle before a particle before a name is a particle too ("van der")
    assert looks_english("Met " + "van der Linden, " * 8 + "and others in a room today.")
    # the same words not before names: another language
    assert not looks_english("Met " + "van der linden, " * 8 + "and others in a room today.")
    assert looks_english("Short text de la")  # fewer than 15 words
