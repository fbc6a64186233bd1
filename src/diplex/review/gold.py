"""Turn a review page's export into a gold folder (``diplex review import``).

The page exports one JSON array of records in the corpus gold format
(``shared/corpus/README.md``). :func:`import_gold` checks every record strictly against
:class:`GoldRecord` and writes ``GOLD_DIR/<doc_id>.json`` for each, the folder layout
``diplex eval`` reads. Gold is what diplex is measured against, so nothing is coerced or
guessed: ``"20"`` is no duration, ``2024-02-30`` no date, ``ZZZ`` no country.

All or nothing: every problem of every record is gathered into one :class:`InvalidGold`
message, and nothing is written unless every record is valid and, without ``force``, no
gold file exists yet. The files are written into a temporary folder first and renamed into
place (a new gold folder is renamed whole), so a full disk or a kill midway leaves the gold
folder as it was.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
from datetime import date as Date
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any

import pycountry
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

from ..assets import asset_path
from ..errors import InputError
from ..io.jsonl import dumps
from ..record import GOLD_FIELDS, HH_MM, MeetingRecord, MeetingType, Role
from ..rules import read_table
from .page import is_plain_name

_TOLERATED = set(MeetingRecord.model_fields) - set(GOLD_FIELDS)
"""Keys of diplex output that are not gold fields (evidence, warnings...): dropped on import."""

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@lru_cache(maxsize=1)
def state_codes() -> frozenset[str]:
    """The country codes gold may use: every ISO 3166-1 alpha-3 code (pycountry) and the
    codes of ``models/countries.jsonl`` (the corpus's states, with XKX for Kosovo)."""
    codes = {c.alpha_3 for c in pycountry.countries}
    codes.update(rec["code"] for rec in read_table(asset_path("countries.jsonl")))
    return frozenset(codes)


@lru_cache(maxsize=1)
def organisation_acronyms() -> frozenset[str]:
    """The acronyms of ``models/organisations.jsonl`` (NATO, EU, UN, AU...): the publishers
    that are organisations rather than states."""
    return frozenset(
        rec["acronym"] for rec in read_table(asset_path("organisations.jsonl"))
        if rec.get("acronym")
    )


def _calendar_date(value: str) -> str:
    if not _ISO_DATE.fullmatch(value):
        raise ValueError(f"{value!r} is not YYYY-MM-DD")
    try:
        Date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{value!r} is not a calendar date") from None
    return value


def _state_code(value: str) -> str:
    if value not in state_codes():
        raise ValueError(f"{value!r} is not an ISO 3166-1 alpha-3 code (nor XKX)")
    return value


def _publisher(value: str) -> str:
    if value not in state_codes() and value not in organisation_acronyms():
        raise ValueError(
            f"{value!r} is neither an ISO 3166-1 alpha-3 code nor an organisation acronym "
            "of models/organisations.jsonl"
        )
    return value


def _plain_doc_id(value: str) -> str:
    if not is_plain_name(value):
        raise ValueError(
            "must be a plain file name (no '/', '\\\\', ':', leading '.', or control "
            "characters)"
        )
    return value


Text = Annotated[str, Field(min_length=1)]
Day = Annotated[str, AfterValidator(_calendar_date)]
Clock = Annotated[str, Field(pattern=HH_MM)]
StateCode = Annotated[str, AfterValidator(_state_code)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class GoldOfficial(_Strict):
    """An official in gold: every key present, strings not empty, a known country code."""

    name: Text
    family_name: Text
    given_name: Text | None
    title: Text | None
    country: StateCode | None
    organisation: Text | None


class GoldCountry(_Strict):
    """A state in gold: a known alpha-3 code and its role."""

    code: StateCode
    role: Role


class GoldOrganisation(_Strict):
    """An organisation in gold."""

    name: Text
    acronym: Text | None
    role: Role


class GoldRecord(_Strict):
    """One gold record of the corpus format (``shared/corpus/README.md``), checked strictly.

    Every field must be present (null or an empty list where the text gives nothing) with
    its JSON type: pydantic strict mode, so no coercion (``"20"`` is not the integer 20,
    ``1`` not a string). Beyond types: ``release_date`` and ``date`` are real calendar
    dates (``2024-02-30`` is refused); ``start_time``/``end_time`` are ``HH:MM`` 24-hour;
    country codes are ISO 3166-1 alpha-3 (pycountry) or the corpus's own
    (``models/countries.jsonl``: XKX Kosovo); ``publisher`` is such a code or an
    organisation acronym of ``models/organisations.jsonl`` (NATO, EU...);
    ``meeting_type`` and ``role`` are the corpus enums; ``doc_id`` is a plain file name;
    names, titles and topics are not empty. Fields in :data:`GOLD_FIELDS` order.
    """

    doc_id: Annotated[str, AfterValidator(_plain_doc_id)]
    publisher: Annotated[str, AfterValidator(_publisher)] | None
    title: Text | None
    release_date: Day | None
    meeting_type: MeetingType | None
    date: Day | None
    start_time: Clock | None
    end_time: Clock | None
    duration_minutes: Annotated[int, Field(ge=0)] | None
    location: Text | None
    officials: list[GoldOfficial]
    countries: list[GoldCountry]
    organisations: list[GoldOrganisation]
    topics: list[Text]


class InvalidGold(InputError):
    """Records of an export are not valid gold; ``problems`` lists every one, as
    ``"record 3 ('doc-id'): countries.0.code: 'ZZZ' is not ..."`` lines."""

    def __init__(self, problems: list[str], total: int) -> None:
        bad = len({p.split(":", 1)[0] for p in problems})
        super().__init__(
            f"{bad} of {total} record(s) are not valid gold; nothing was written:\n  "
            + "\n  ".join(problems)
        )
        self.problems = problems


class GoldExistsError(InputError):
    """Gold files already exist and ``force`` was not given; ``paths`` lists them."""

    def __init__(self, paths: list[Path]) -> None:
        shown = ", ".join(str(p) for p in paths[:5]) + (" ..." if len(paths) > 5 else "")
        super().__init__(
            f"{len(paths)} gold file(s) already exist ({shown}); use --force to overwrite"
        )
        self.paths = paths


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _problems(label: str, exc: ValidationError) -> list[str]:
    out = []
    for error in exc.errors(include_url=False):
        where = ".".join(str(p) for p in error.get("loc", ())) or "record"
        message = str(error.get("msg", "invalid"))
        if error.get("type") == "missing":
            message = "missing (give null or [] where the text has no value)"
        elif "input" in error and not message.startswith("Value error"):
            message += f" (got {_shown(error['input'])})"
        out.append(f"{label}: {where}: {message.removeprefix('Value error, ')}")
    return out


def parse_export(data: Any) -> list[dict[str, Any]]:
    """Check an export strictly and return its records as gold dicts.

    Args:
        data: the parsed export: a JSON array of objects.

    Returns:
        One dict per record with exactly the corpus fields, in the corpus order.

    Raises:
        InputError: ``data`` is not an array.
        InvalidGold: some records are not valid :class:`GoldRecord`\\ s, or a ``doc_id``
            is missing or repeated; the message lists every bad record (by position and
            doc_id) and field.
    """
    if not isinstance(data, list):
        raise InputError("the export must be a JSON array of records")
    out: list[dict[str, Any]] = []
    problems: list[str] = []
    seen: set[str] = set()
    for position, item in enumerate(data):
        if not isinstance(item, dict):
            problems.append(f"record {position}: not a JSON object")
            continue
        doc_id = item.get("doc_id")
        label = f"record {position} ({doc_id!r})"
        if doc_id is None:
            problems.append(f"record {position}: no doc_id, so it cannot be named")
            continue
        if isinstance(doc_id, str) and doc_id in seen:
            # listed, and its fields checked too: one message names every problem
            problems.append(f"{label}: doc_id appears twice in the export")
        if isinstance(doc_id, str):
            seen.add(doc_id)
        fields = {k: v for k, v in item.items() if k not in _TOLERATED}
        try:
            record = GoldRecord.model_validate(fields)
        except ValidationError as exc:
            problems.extend(_problems(label, exc))
            continue
        out.append(record.model_dump(mode="json"))
    if problems:
        raise InvalidGold(problems, len(data))
    return out


def _format(record: dict[str, Any]) -> str:
    return dumps(record, indent=2) + "\n"


def import_gold(export: str | Path, gold_dir: str | Path, *, force: bool = False) -> list[Path]:
    """Write each record of a review export as ``gold_dir/<doc_id>.json``, all or nothing.

    Args:
        export: the JSON file the review page downloaded.
        gold_dir: the gold folder (created if missing).
        force: overwrite gold files that already exist.

    Returns:
        The paths written, in export order.

    Raises:
        InputError: unreadable file, not JSON, JSON nested absurdly deep, or not an array;
            nothing is written.
        InvalidGold: invalid records (see :func:`parse_export`); nothing is written.
        GoldExistsError: some gold files exist and ``force`` is False; nothing is written.
        OSError: writing failed (a full disk); nothing is written.
    """
    try:
        data = json.loads(Path(export).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read export {export}: {exc}") from exc
    except json.JSONDecodeError as exc:
        raise InputError(f"{export}: not JSON ({exc})") from exc
    except RecursionError:
        raise InputError(
            f"{export}: JSON nested too deeply to be an export of gold records (a gold "
            "record nests four levels)"
        ) from None
    records = parse_export(data)
    folder = Path(gold_dir)
    if folder.exists() and not folder.is_dir():
        raise InputError(f"gold folder {gold_dir} is not a folder")
    targets = [folder / f"{r['doc_id']}.json" for r in records]
    existing = [t for t in targets if t.exists() or t.is_symlink()]
    if existing and not force:
        raise GoldExistsError(existing)
    for target in existing:
        if target.is_symlink() or not target.is_file():
            raise InputError(f"{target} is not a regular file; not overwritten")
    _write_all(folder, [(t.name, _format(r)) for r, t in zip(records, targets, strict=True)])
    return targets


def _write_all(folder: Path, files: list[tuple[str, str]]) -> None:
    """Write ``(name, text)`` files into ``folder``, all or nothing: first into a hidden
    temporary folder (``diplex eval`` reads only ``*.json`` directly in the gold folder),
    then a new ``folder`` is that folder renamed, and an existing one gets each file
    renamed in (renames within one file system, which do not fail for want of space)."""
    new = not folder.exists()
    token = secrets.token_hex(6)
    tmp = folder.parent / f".{folder.name}.import-{token}" if new else folder / f".import-{token}"
    tmp.parent.mkdir(parents=True, exist_ok=True)
    tmp.mkdir()
    try:
        for name, text in files:
            with open(tmp / name, "x", encoding="utf-8") as handle:
                handle.write(text)
        if new:
            os.rename(tmp, folder)
            return
        for name, _ in files:
            os.replace(tmp / name, folder / name)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
