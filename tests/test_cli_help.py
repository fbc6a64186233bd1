"""``--help`` of every command fits an 80-column terminal, paragraphs re-wrapped."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from diplex.cli import app

ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.mark.parametrize("command", ["extract", "batch", "link", "export", "eval", "review"])
def test_help_fits_80_columns(command: str) -> None:
    result = CliRunner().invoke(app, [command, "--help"], env={"COLUMNS": "80", "NO_COLOR": "1"})
    assert result.exit_code == 0, result.output
    lines = [ANSI.sub("", line).rstrip() for line in result.output.splitlines()]
    assert max(len(line) for line in lines) <= 80
    # a docstring's line breaks are not kept: no description line of one or two words
    # followed by more text of the same paragraph (what a 90-column docstring gave at 80)
    box = ("╭", "│", "╰")
    short = [
        line for line, following in zip(lines, lines[1:], strict=False)
        if line and not line.startswith(box) and len(line.split()) <= 2
        and following.strip() and not following.startswith(box)
        and not line.strip().endswith(":")
    ]
    assert short == []
