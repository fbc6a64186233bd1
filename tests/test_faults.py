"""Fault injection: nothing lost, nothing doubled, nothing torn.

- ``kill -9`` at seeded random points of a real ``diplex batch`` process (the CLI, the real
  pipeline, the real writers), each followed by ``--resume``: every input document ends up
  exactly once in the output or the errors file, in input order, with whole lines only. Some
  kills land during start-up, most while it writes; after some kills a torn last line is
  appended as well (a kill inside a ``write`` call, which a real kill hits too rarely to
  test by chance).
- A full disk: the writers' system call made to fail with ``ENOSPC`` at a chosen byte
  (``WholeWrites._write_some`` monkeypatched), and, where this process may mount one, a
  real tmpfs too small for the output: a clear error, whole lines only, and ``--resume``
  on a freed disk finishes the run.
- Hostile inputs (a 100 MB single line, NUL bytes, invalid UTF-8 mid-file, ``.gz`` bombs,
  absurd nesting) give error entries or records with a warning, and the run goes on.

``DIPLEX_FAULT_TRIALS=200 pytest tests/test_faults.py -m heavy -s`` runs the long version
(more trials, two worker processes); ``-s`` prints the figures.
"""

from __future__ import annotations

import csv
import errno
import gzip
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from diplex.batch import run
from diplex.cli import app
from diplex.io.readers import iter_documents
from diplex.io.writers import OutputError, WholeWrites, csv_paths, part_path

CITIES = ["Oslo", "Lima", "Hanoi", "Accra", "Quito", "Riga"]


def release(i: int) -> str:
    """A short release, different for each ``i``."""
    city = CITIES[i % len(CITIES)]
    return (
        f"Foreign Minister Ana Berg{i} meets counterpart in {city}\n\n"
        f"On {1 + i % 27} March 2023, Foreign Minister Ana Berg{i} held a meeting of about "
        f"{20 + i} minutes with the Minister of Foreign Affairs of Peru in {city}. The two "
        "sides discussed trade and climate."
    )


def make_dump(folder: Path, n: int) -> list[str]:
    """A dump of ``n`` JSONL documents, two bad lines and three text files (one binary);
    returns every doc_id in input order."""
    folder.mkdir(parents=True)
    lines = [json.dumps({"id": f"d{i:03d}", "text": release(i)}) for i in range(n)]
    lines.insert(n // 3, "{not json")
    lines.insert(2 * n // 3, json.dumps({"id": "no-text", "body": "x"}))
    (folder / "a.jsonl").write_text("\n".join(lines) + "\n")
    (folder / "b.txt").write_text(release(n))
    (folder / "c.txt").write_bytes(b"\x00\x01binary")
    (folder / "d.md").write_text(release(n + 1))
    return [item.doc_id for item in iter_documents([folder])]


def whole_lines(path: Path) -> list[dict]:
    """The JSON objects of a file's complete lines (a torn last line left out); fails on a
    complete line that is not a JSON object with a doc_id."""
    if not path.exists():
        return []
    data = path.read_bytes()
    assert b"\x00" not in data, f"NUL bytes in {path.name}"
    lines = data.split(b"\n")[:-1]
    objs = [json.loads(line) for line in lines]
    assert all(isinstance(o, dict) and isinstance(o.get("doc_id"), str) for o in objs)
    return objs


def csv_meeting_ids(out: Path) -> list[str]:
    """doc_ids of the complete rows of the CSV meetings table (its .part file if any)."""
    file = csv_paths(out)["meetings"]
    file = part_path(file) if part_path(file).exists() else file
    if not file.exists():
        return []
    data = file.read_bytes()
    assert b"\x00" not in data
    whole = data[: data.rfind(b"\n") + 1].decode("utf-8")
    rows = list(csv.reader(whole.splitlines(keepends=True)))
    return [row[0] for row in rows[1:] if row]


def done_ids(out: Path, errors: Path, fmt: str) -> list[str]:
    records = csv_meeting_ids(out) if fmt == "csv" else [o["doc_id"] for o in whole_lines(out)]
    return records + [o["doc_id"] for o in whole_lines(errors)]


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-c", "from diplex.cli import main; main()", "batch", *args]


def _line_count(*paths: Path) -> int:
    return sum(p.read_bytes().count(b"\n") for p in paths if p.exists())


def _tear(path: Path, rng: random.Random) -> bool:
    """Append the first bytes of one of ``path``'s lines, without its newline (what a kill
    inside a ``write`` leaves); False where the file has no line to copy."""
    if not path.exists() or not path.read_bytes().count(b"\n"):
        return False
    lines = path.read_bytes().splitlines(keepends=True)
    line = rng.choice(lines[1:] or lines)
    with open(path, "ab") as fh:
        fh.write(line[: rng.randint(1, len(line) - 2)])
    return True


def _finish_round(tmp: Path, args: list[str], out: Path, errors: Path, fmt: str,
                  expected: list[str], figures: dict) -> None:
    """Resume once more to the end, check the finished files and add the round's figures."""
    final = subprocess.run(_cli(*args, "--resume"), capture_output=True, text=True, timeout=300)
    assert final.returncode == 0, final.stderr
    if fmt == "csv":
        assert not list(tmp.glob("*.part")), "the finished run publishes its tables"
    data = errors.read_bytes() + (out.read_bytes() if fmt == "jsonl" else b"")
    assert data.endswith(b"\n") and b"\x00" not in data
    done = done_ids(out, errors, fmt)
    figures["rounds"] += 1
    figures["documents"] += len(expected)
    figures["lost"] += len(set(expected) - set(done))
    figures["duplicated"] += len(done) - len(set(done))
    records = csv_meeting_ids(out) if fmt == "csv" else [o["doc_id"] for o in whole_lines(out)]
    in_order = records == [d for d in expected if d in set(records)]
    figures["records_in_input_order"] = figures["records_in_input_order"] and in_order


def _clear_outputs(tmp: Path) -> None:
    """Remove every file a run wrote beside its dump, so the next round starts afresh."""
    for path in tmp.iterdir():
        if path.is_file():
            path.unlink()


def kill_trials(tmp: Path, fmt: str, trials: int, seed: int, processes: int = 1) -> dict:
    """Run ``diplex batch`` over a small dump, killing it with SIGKILL ``trials`` times at
    seeded random points and resuming each time. A round ends when a resumed run has
    written every document: it is resumed once more, checked, and the next round starts
    from empty outputs (so most kills land on a run with work left to do). Checks after
    every kill that the files hold whole lines only and no document twice; returns the
    figures summed over the rounds."""
    rng = random.Random(seed)
    expected = make_dump(tmp / "dump", 60)
    out = tmp / ("out.csv" if fmt == "csv" else "out.jsonl")
    errors = tmp / "out.errors.jsonl"
    watched = [part_path(out), errors] if fmt == "csv" else [out, errors]
    args = [str(tmp / "dump"), "-o", str(out), "--batch-size", "2", "--no-progress"]
    if processes > 1:
        args += ["--processes", str(processes)]
    figures = {"trials": trials, "killed_at_start": 0, "killed_while_writing": 0,
               "finished_before_kill": 0, "torn_tails_added": 0, "rounds": 0,
               "documents": 0, "lost": 0, "duplicated": 0, "records_in_input_order": True}
    fresh = True
    for trial in range(trials):
        before = _line_count(*watched)
        proc = subprocess.Popen(
            _cli(*args, *([] if fresh else ["--resume"])),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        fresh = False
        try:
            if rng.random() < 0.25:
                time.sleep(rng.uniform(0.05, 1.5))
                kind = "killed_at_start"
            else:
                target = before + rng.randint(1, 4)
                deadline = time.monotonic() + 60
                while proc.poll() is None and time.monotonic() < deadline:
                    if _line_count(*watched) >= target:
                        break
                    time.sleep(0.005)
                time.sleep(rng.uniform(0, 0.03))
                kind = "killed_while_writing"
            if proc.poll() is not None:
                kind = "finished_before_kill"
            else:
                os.killpg(proc.pid, signal.SIGKILL)
        finally:
            proc.wait(timeout=60)
        figures[kind] += 1
        if rng.random() < 0.3 and _tear(rng.choice(watched), rng):
            figures["torn_tails_added"] += 1
        done = done_ids(out, errors, fmt)
        assert len(done) == len(set(done)), f"trial {trial}: a document written twice"
        assert set(done) <= set(expected)
        if set(done) == set(expected) or kind == "finished_before_kill":
            _finish_round(tmp, args, out, errors, fmt, expected, figures)
            _clear_outputs(tmp)
            fresh = True
    if not fresh:
        _finish_round(tmp, args, out, errors, fmt, expected, figures)
    return figures


def _check_figures(figures: dict, fmt: str) -> None:
    print(f"\nkill -9 trials ({fmt}): {figures}")
    assert figures["lost"] == 0 and figures["duplicated"] == 0
    assert figures["records_in_input_order"]
    assert figures["killed_while_writing"] >= figures["trials"] // 2


def test_kill_9_at_random_points_then_resume_gives_each_input_once(tmp_path: Path) -> None:
    _check_figures(kill_trials(tmp_path / "jsonl", "jsonl", trials=14, seed=12), "jsonl")
    _check_figures(kill_trials(tmp_path / "csv", "csv", trials=6, seed=13), "csv")


@pytest.mark.heavy
@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
@pytest.mark.parametrize("processes", [1, 2])
def test_kill_9_many_trials(tmp_path: Path, fmt: str, processes: int) -> None:
    trials = int(os.environ.get("DIPLEX_FAULT_TRIALS", "100"))
    figures = kill_trials(tmp_path, fmt, trials=trials, seed=7 + processes, processes=processes)
    _check_figures(figures, f"{fmt}, {processes} process(es)")


# ------------------------------------------------------------------------------ full disk


def disk_full_after(budget: int):
    """A ``WholeWrites._write_some`` that lets ``budget`` bytes through in all (a short
    write where the budget ends inside a piece), then fails as a full disk does."""
    left = [budget]
    real = WholeWrites._write_some

    def write_some(self: WholeWrites, data: memoryview) -> int:
        if left[0] <= 0:
            raise OSError(errno.ENOSPC, "No space left on device")
        n = min(len(data), left[0])
        left[0] -= n
        return real(self, data[:n])

    return write_some


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
@pytest.mark.parametrize("budget", [0, 1, 3_000, 9_000])
def test_a_full_disk_stops_cleanly_and_resume_finishes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, extractor, fmt: str, budget: int
) -> None:
    expected = make_dump(tmp_path / "dump", 12)
    out = tmp_path / ("out.csv" if fmt == "csv" else "out.jsonl")
    errors = tmp_path / "out.errors.jsonl"
    with monkeypatch.context() as patch:
        patch.setattr(WholeWrites, "_write_some", disk_full_after(budget))
        with pytest.raises((OSError, OutputError)) as info:
            run([tmp_path / "dump"], out, extractor=extractor, progress=False)
    # full at once: the output cannot even be opened (OutputError, status 2); else OSError
    cause = info.value if isinstance(info.value, OSError) else info.value.__cause__
    assert isinstance(cause, OSError) and cause.errno == errno.ENOSPC and cause.filename
    for file in [errors, out, *csv_paths(out).values()]:
        for path in (file, part_path(file)):
            if path.exists() and path.stat().st_size:
                assert path.read_bytes().endswith(b"\n"), f"{path.name} ends torn"
    if fmt == "csv":
        assert not out.exists(), "an unfinished CSV is not published under its name"
    stopped = done_ids(out, errors, fmt)
    assert len(stopped) < len(expected)
    summary = run([tmp_path / "dump"], out, extractor=extractor, progress=False, resume=True)
    assert summary.skipped == len(stopped)
    done = done_ids(out, errors, fmt)
    assert sorted(done) == sorted(expected)
    if fmt == "csv":
        officials = list(csv.DictReader(open(csv_paths(out)["officials"], encoding="utf-8")))
        meetings = list(csv.DictReader(open(out, encoding="utf-8")))
        by_doc = {m["doc_id"]: int(m["n_officials"]) for m in meetings}
        counted: dict[str, int] = {}
        for row in officials:
            counted[row["doc_id"]] = counted.get(row["doc_id"], 0) + 1
        assert counted == {d: n for d, n in by_doc.items() if n}, "orphan or doubled rows"


def test_a_full_disk_gives_a_clear_message_and_exit_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_dump(tmp_path / "dump", 3)
    monkeypatch.setattr(WholeWrites, "_write_some", disk_full_after(2_000))
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(app, ["batch", str(tmp_path / "dump"), "-o", str(out)])
    assert result.exit_code == 1
    assert "No space left on device" in result.output and str(out) in result.output
    assert "free some space, then run again with --resume" in result.output


@pytest.fixture
def small_tmpfs(tmp_path: Path):
    """A 128 KiB tmpfs (skips where this process may not mount one, e.g. not root)."""
    mnt = tmp_path / "mnt"
    mnt.mkdir()
    try:
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=128k", "tmpfs", str(mnt)],
                              capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired) as exc:
        pytest.skip(f"cannot mount a tmpfs here: {exc}")
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield mnt
    finally:
        subprocess.run(["umount", str(mnt)], capture_output=True, timeout=30)


def test_a_real_full_disk_then_resume_on_a_bigger_one(tmp_path: Path, small_tmpfs: Path) -> None:
    expected = make_dump(tmp_path / "dump", 70)  # about 160 KB of records: more than 128 KiB
    out, errors = small_tmpfs / "out.jsonl", small_tmpfs / "out.errors.jsonl"
    args = [str(tmp_path / "dump"), "-o", str(out), "--batch-size", "8", "--no-progress"]
    full = subprocess.run(_cli(*args), capture_output=True, text=True, timeout=300)
    assert full.returncode == 1, full.stderr
    assert "No space left on device" in full.stderr and "--resume" in full.stderr
    assert out.read_bytes().endswith(b"\n")
    stopped = done_ids(out, errors, "jsonl")
    assert 0 < len(stopped) < len(expected)
    grown = subprocess.run(["mount", "-o", "remount,size=4m", str(small_tmpfs)],
                           capture_output=True, text=True, timeout=30)
    assert grown.returncode == 0, grown.stderr
    resumed = subprocess.run(_cli(*args, "--resume"), capture_output=True, text=True,
                             timeout=300)
    assert resumed.returncode == 0, resumed.stderr
    done = done_ids(out, errors, "jsonl")
    assert sorted(done) == sorted(expected) and len(done) == len(set(done))


# -------------------------------------------------------------------------- hostile inputs


def test_hostile_inputs_give_error_entries_or_warned_records_and_the_run_goes_on(
    tmp_path: Path, extractor
) -> None:
    dump = tmp_path / "dump"
    dump.mkdir()
    line = "The ministers discussed trade and security in the region. "
    huge = line * (100_000_000 // len(line))  # 100 MB, no newline
    (dump / "a-huge.txt").write_text(huge)
    with open(dump / "b-huge.jsonl", "w") as fh:
        fh.write(json.dumps({"id": "huge-line", "text": huge}) + "\n")
        fh.write(json.dumps({"id": "after-huge", "text": release(1)}) + "\n")
    (dump / "c-long.txt").write_text(line * (4_000_000 // len(line)))  # 4 MB: within limits
    (dump / "d-nul.txt").write_bytes(b"\x00\x00" + release(2).encode())
    nul = release(3).replace("Minister", "Mini\x00ster", 1)
    (dump / "e-nul.jsonl").write_text(json.dumps({"id": "e-nul-inside", "text": nul}) + "\n")
    raw = release(4).encode()
    (dump / "f-bad-utf8.txt").write_bytes(raw[:60] + b"\xff\xfe\xc3" + raw[60:])
    (dump / "g-bad-utf8.jsonl").write_bytes(
        json.dumps({"id": "g1", "text": release(5)}).encode() + b"\n"
        + b'{"id": "g2", "text": "caf\xe9 \xff"}\n'
        + json.dumps({"id": "g3", "text": release(6)}).encode() + b"\n"
    )
    with gzip.open(dump / "h-bomb.txt.gz", "wb", compresslevel=1) as fh:
        for _ in range(64):
            fh.write(b"A" * (1 << 22))  # 256 MB from about 250 KB
    with gzip.open(dump / "i-bomb.jsonl.gz", "wb", compresslevel=1) as fh:
        fh.write(b'{"id": "bomb", "text": "')
        for _ in range(16):
            fh.write(b"B" * (1 << 22))
    (dump / "j-deep.jsonl").write_text("[" * 100_000 + "]" * 100_000 + "\n")
    (dump / "z-last.txt").write_text(release(7))
    out = tmp_path / "out.jsonl"
    started = time.monotonic()
    summary = run([dump], out, extractor=extractor, progress=False, batch_size=4)
    elapsed = time.monotonic() - started
    records = {r["doc_id"]: r for r in whole_lines(out)}
    errors = {e["doc_id"]: e for e in whole_lines(tmp_path / "out.errors.jsonl")}
    assert set(errors) == {"a-huge", "b-huge.jsonl:1", "d-nul", "g-bad-utf8.jsonl:2",
                           "h-bomb", "i-bomb.jsonl:1", "j-deep.jsonl:1"}
    for key in ("a-huge", "b-huge.jsonl:1", "h-bomb", "i-bomb.jsonl:1"):
        assert "larger than 16 MiB" in errors[key]["message"], key
    assert "binary" in errors["d-nul"]["message"]
    assert "nested too deeply" in errors["j-deep.jsonl:1"]["message"]
    assert set(records) == {"after-huge", "c-long", "e-nul-inside", "f-bad-utf8", "g1", "g3",
                            "z-last"}
    codes = {k: [w["code"] for w in r["warnings"]] for k, r in records.items()}
    assert "text_truncated" in codes["c-long"]
    assert "invalid_utf8" in codes["f-bad-utf8"]
    assert records["z-last"]["date"] == "2023-03-08"
    assert (summary.records, summary.errors) == (7, 7)
    print(f"\nhostile inputs: 14 documents, 7 records, 7 error entries, {elapsed:.1f} s")
