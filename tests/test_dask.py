"""The Dask engine gives the same records as one process, in the same order."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from diplex.batch import ErrorEntry, extract_ordered, run
from diplex.io.readers import iter_documents

COUNTRIES = ["Chile", "Kenya", "Japan", "Canada", "Ghana"]


def _write(path: Path, n: int) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            country = COUNTRIES[i % len(COUNTRIES)]
            text = (
                f"Deputy Minister Nora Haugen received the Ambassador of {country}\n\n"
                f"On {3 + i} May 2019 Deputy Minister Nora Haugen received the Ambassador of "
                f"{country} for a courtesy call lasting {15 + i} minutes. They talked about "
                "fisheries and education."
            )
            fh.write(json.dumps({"id": f"dk-{i}", "text": text}) + "\n")
        fh.write("{broken line\n")


def test_importing_diplex_does_not_import_dask() -> None:
    code = "import sys, diplex, diplex.batch, diplex.io; print('dask' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_dask_cluster_equals_single_process(tmp_path: Path, extractor) -> None:
    pytest.importorskip("dask.bag")
    distributed = pytest.importorskip("distributed")
    import dask.bag as db

    from diplex.scale import extract_bag, extract_distributed

    _write(tmp_path / "d.jsonl", 10)
    items = list(iter_documents([tmp_path / "d.jsonl"]))
    single = [
        r.model_dump(mode="json") if not isinstance(r, ErrorEntry) else r.to_dict()
        for r in extract_ordered(items, extractor)
    ]
    assert len(single) == 11 and single[-1]["doc_id"] == "d.jsonl:11"

    def dumped(results: list) -> list[dict]:
        return [
            r.to_dict() if isinstance(r, ErrorEntry) else r.model_dump(mode="json") for r in results
        ]

    with distributed.LocalCluster(
        n_workers=2,
        processes=True,
        threads_per_worker=1,
        dashboard_address=None,
        host="127.0.0.1",
    ) as cluster:
        streamed = list(
            extract_distributed(iter(items), scheduler=cluster.scheduler_address, batch_size=3)
        )
        assert dumped(streamed) == single
        with distributed.Client(cluster):
            bagged = extract_bag(db.from_sequence(items, npartitions=3)).compute()
        assert dumped(bagged) == single
        out = tmp_path / "out.jsonl"
        summary = run(
            [tmp_path / "d.jsonl"],
            out,
            engine="dask",
            scheduler=cluster.scheduler_address,
            batch_size=4,
        )
        assert (summary.records, summary.errors) == (10, 1)
        lines = [json.loads(x) for x in out.read_text().splitlines()]
        assert lines == single[:-1]
