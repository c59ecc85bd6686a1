"""The Dask runner writes the very bytes of a local run (on a local, in-process cluster)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed", reason="the dask extra is not installed")

from pipeline.batch import runner  # noqa: E402
from pipeline.batch.distributed import run_with_client  # noqa: E402
from pipeline.nlp import default_config  # noqa: E402
from pipeline.batch.runner import RunOptions, run  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "seeds"
OUTPUTS = ["entities.jsonl", "claims.jsonl", "articles.jsonl", "manifest.json"]


@pytest.fixture(autouse=True)
def stable_code_stamp(monkeypatch):
    """Files others save in pipeline/ meanwhile must not count as a code change between runs."""
    monkeypatch.setattr(runner, "files_stamp", lambda config: "tests")


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None) as cluster:
        with distributed.Client(cluster) as c:
            yield c


def snapshot(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in OUTPUTS}


def test_dask_outputs_equal_the_local_run_on_the_seeds(tmp_path: Path, client) -> None:
    config = default_config()
    local = run(RunOptions([SEEDS], tmp_path / "local", config))
    dask = run_with_client(RunOptions([SEEDS], tmp_path / "dask", config, batch_size=2), client)
    assert local.ok == dask.ok == 5
    assert snapshot(tmp_path / "dask") == snapshot(tmp_path / "local")


def test_dask_runs_are_incremental_and_shard_jsonl(tmp_path: Path, client) -> None:
    jsonl = tmp_path / "arts.jsonl"
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    jsonl.write_text("".join(json.dumps({"id": f"s{i}", "text": t}, ensure_ascii=False) + "\n" for i, t in enumerate(texts)),
                     encoding="utf-8")
    config = {**default_config(), "components": ["segment"]}
    first = run_with_client(RunOptions([jsonl], tmp_path / "out", config, batch_size=1), client)
    again = run_with_client(RunOptions([jsonl], tmp_path / "out", config, batch_size=1), client)
    assert (first.ok, again.ok, again.skipped_ok) == (5, 0, 5)
    run(RunOptions([jsonl], tmp_path / "local", config))
    assert snapshot(tmp_path / "out") == snapshot(tmp_path / "local")
