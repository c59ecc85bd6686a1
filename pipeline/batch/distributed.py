"""``arclaims run`` on a Dask cluster: the same outputs as a local run, from many machines.

The input is sharded into batches of references (a file path, or a JSONL line's byte
range); each task reads its shard from storage the workers share, and returns serialized
records. The client commits the results in input order through the same state and atomic
commits as a local run (``pipeline.batch.runner``), so outputs, incremental runs and crash
safety are identical. Each Dask worker loads the pipeline once, through a worker plugin.

Needs the ``dask`` extra: ``pip install -c constraints.txt -e '.[dask]'``.
"""
from __future__ import annotations

import threading
import uuid
from concurrent.futures import Future

from .inputs import InputRef
from .runner import Outcome, RunError, RunOptions, RunStats, Settings, Worker, run


try:
    import distributed
    from distributed.diagnostics.plugin import WorkerPlugin
except ImportError:  # the dask extra is optional; run_on_dask says how to install it
    distributed = None
    WorkerPlugin = object


def require_distributed():
    if distributed is None:
        raise RunError("--scheduler needs Dask: pip install -c constraints.txt -e '.[dask]'")
    return distributed


class PipelinePlugin(WorkerPlugin):
    """One pipeline ``Worker`` per Dask worker process, loaded once on first use."""

    idempotent = False

    def __init__(self, settings: Settings):
        self.settings = settings
        self.worker = Worker(settings)
        self.lock = threading.Lock()  # components are not promised to be thread-safe

    def process(self, refs: list[InputRef]) -> list[Outcome]:
        with self.lock:
            return self.worker.process(refs)

    def __getstate__(self):
        return {"settings": self.settings}

    def __setstate__(self, state):
        self.__init__(state["settings"])


def process_on_worker(refs: list[InputRef], plugin_name: str) -> list[Outcome]:
    return distributed.get_worker().plugins[plugin_name].process(refs)


class DaskExecutor:
    """Submits batches to a Dask client; Dask itself reschedules the tasks of a lost worker."""

    def __init__(self, client, settings: Settings):
        self.client = client
        self.crash_errors = (distributed.KilledWorker,)
        self.timeout = None  # a running Dask task cannot be killed; no bound on the wait
        self.startup_grace = 0.0
        self.plugin_name = f"arclaims-{uuid.uuid4().hex[:12]}"
        client.register_plugin(PipelinePlugin(settings), name=self.plugin_name)
        self.window = 2 * max(1, sum(client.nthreads().values()))

    def submit(self, batch: list[InputRef]) -> Future:
        return self.client.submit(process_on_worker, batch, self.plugin_name, pure=False)

    def restart(self) -> None:
        pass

    def close(self) -> None:
        try:
            self.client.unregister_worker_plugin(self.plugin_name)
        except Exception:  # noqa: BLE001 - a closing cluster may already have dropped it
            pass


def run_with_client(options: RunOptions, client) -> RunStats:
    return run(options, executor_factory=lambda settings: DaskExecutor(client, settings))


def run_on_dask(options: RunOptions, scheduler: str) -> RunStats:
    """``scheduler``: a scheduler address (tcp://host:8786), or 'local' for a local cluster."""
    require_distributed()
    if scheduler == "local":
        with distributed.LocalCluster(n_workers=max(1, options.workers), threads_per_worker=1, processes=True,
                                      dashboard_address=None) as cluster, distributed.Client(cluster) as client:
            return run_with_client(options, client)
    try:
        client = distributed.Client(scheduler, timeout=30)
    except OSError as e:
        raise RunError(f"cannot reach the Dask scheduler at {scheduler}: {e}") from None
    with client:
        return run_with_client(options, client)
