"""Shared plumbing for diplex's rule components.

A diplex component is a spaCy pipeline component (registered with ``@Language.factory``)
whose rules are data files in ``models/``.

- :class:`DiplexComponent` runs the component's :meth:`~DiplexComponent.process` on a Doc
  and, where it raises, records the error on the Doc (``doc._.diplex_error``) instead of
  failing the whole spaCy batch; ``assemble`` then turns that Doc into an error entry. So one
  bad document never stops a batch, even under ``nlp.pipe(n_process=...)``.
- :class:`AssetComponent` adds asset loading and ``to_disk``/``from_disk`` in the manner of
  spaCy's own ``SpanRuler``: the assets are copied into the pipeline folder by
  ``nlp.to_disk`` and read back from there by ``spacy.load``, so a saved pipeline does not
  depend on the install it was saved from.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from ..assets import asset_path


class DiplexComponent:
    """Base class of diplex components: error capture around :meth:`process`."""

    name: str = "diplex"

    def __call__(self, doc: Doc) -> Doc:
        """Run :meth:`process` on ``doc``; on an exception, record it on the Doc.

        Returns:
            The same Doc. Where an earlier diplex component failed, the Doc is passed on
            untouched.
        """
        if doc._.diplex_error is not None:
            return doc
        try:
            self.process(doc)
        except Exception as exc:  # noqa: BLE001 - becomes the document's error entry
            doc._.diplex_error = f"{self.name}: {type(exc).__name__}: {exc}"
        return doc

    def process(self, doc: Doc) -> None:  # pragma: no cover - abstract
        """Add this component's spans to ``doc`` (see :mod:`diplex.spans`)."""
        raise NotImplementedError


class AssetComponent(DiplexComponent):
    """Base class for components whose rules live in asset files.

    Subclasses set :attr:`asset_names` (file names in ``models/``) and implement
    :meth:`load_assets`, which (re)builds the component's matchers from a folder.

    Args:
        nlp: the pipeline (``spacy.Language``) the component belongs to.
        name: the component's name in the pipeline.
        assets: folder to read the asset files from; None for the bundled ``models/``.
    """

    asset_names: tuple[str, ...] = ()

    def __init__(self, nlp: Any, name: str, assets: str | None = None) -> None:
        self.nlp = nlp
        self.name = name
        self.assets_folder: Path | None = Path(assets) if assets else None
        self.load_assets(self.assets_folder)

    def __call__(self, doc: Doc) -> Doc:
        """Note on ``doc`` the rule folder this component reads (``doc._.diplex_rules``, None
        for the shipped ``models/``), so assembly reads the same tables; then run."""
        doc._.diplex_rules = str(self.assets_folder) if self.assets_folder else None
        return super().__call__(doc)

    def asset(self, name: str, folder: Path | None = None) -> Path:
        """Return the path of asset ``name`` in ``folder`` (default: bundled ``models/``)."""
        return asset_path(name, folder)

    def load_assets(self, folder: Path | None) -> None:  # pragma: no cover - abstract
        """Build the component's rules from the asset files in ``folder``."""
        raise NotImplementedError

    def to_disk(self, path: str | Path, *, exclude: tuple[str, ...] = ()) -> None:
        """Copy this component's asset files into ``path`` (called by ``nlp.to_disk``)."""
        target = Path(path)
        target.mkdir(parents=True, exist_ok=True)
        for name in self.asset_names:
            shutil.copyfile(self.asset(name, self.assets_folder), target / name)

    def from_disk(self, path: str | Path, *, exclude: tuple[str, ...] = ()) -> AssetComponent:
        """Reload the rules from asset files saved by :meth:`to_disk`."""
        self.assets_folder = Path(path)
        self.load_assets(self.assets_folder)
        return self
