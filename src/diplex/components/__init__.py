"""diplex's spaCy components; importing this package registers their factories.

Each module holds one component (one ``@Language.factory``):

- :mod:`.line_breaks` (``diplex_line_breaks``): a line break ends a sentence (before the
  parser).
- :mod:`.tag_pos` (``diplex_tag_pos``): coarse POS tags from fine ones, by look-up (in
  place of the base model's ``attribute_ruler``).
- :mod:`.layout` (``diplex_layout``): headline and release-date line.
- :mod:`.datetimes` (``diplex_datetimes``): dates, clock times, durations.
- :mod:`.countries` (``diplex_countries``): sovereign states, by name, alias or demonym.
- :mod:`.organisations` (``diplex_organisations``): international organisations.
- :mod:`.officials` (``diplex_officials``): named officials with title and country.
- :mod:`.locations` (``diplex_locations``): the place a meeting was held.
- :mod:`.meeting_kind` (``diplex_meeting_kind``): the form of the encounter.
- :mod:`.topics` (``diplex_topics``): what was discussed.
"""

from . import (  # noqa: F401
    countries,
    datetimes,
    layout,
    line_breaks,
    locations,
    meeting_kind,
    officials,
    organisations,
    tag_pos,
    topics,
)
