"""Query evaluation in worker processes, so that a timeout really stops the work.

pyoxigraph evaluates a query inside Rust without releasing a way to interrupt it from Python,
so a runaway query (a cross product over the store) can only be stopped by ending the process
that runs it. Each worker opens the store read-only and evaluates one job at a time; the pool
hands a job to an idle worker, waits at most the timeout for its answer, and otherwise kills
the worker and starts a fresh one. Workers also serialize the answer, so caps on result size
are enforced where the rows are produced.
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import os
import queue
import signal
import socket
import subprocess
import sys
import threading
import time
import traceback
from collections.abc import Iterator
from multiprocessing.connection import Connection
from typing import Any

import pyoxigraph as ox

from graph.endpoint.evaluate import GraphStoreJob, UpdateJob, execute
from graph.endpoint.limits import EndpointError

log = logging.getLogger("kruisverband.endpoint")


def _die_with_parent() -> None:
    """Linux: have the kernel kill this worker when the server process dies, however it dies."""
    with contextlib.suppress(Exception):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def worker_main(conn: Connection, store_dir: str, writable: bool) -> None:
    """A worker's life: open the store, answer jobs until the pipe closes."""
    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's to handle
    try:
        store = ox.Store(store_dir) if writable else ox.Store.read_only(store_dir)
    except OSError as err:
        conn.send(("error", 500, f"cannot open the store: {err}"))
        return
    conn.send(("ready", os.getpid(), None))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        try:
            result = execute(store, job)
        except Exception:
            traceback.print_exc()  # to the server's log, never to the client
            result = ("error", 500, "Internal error while evaluating the request.")
        conn.send(result)


class Worker:
    """One worker process and the connection to it.

    Started as `python -m graph.endpoint.worker` rather than by multiprocessing's spawn,
    which would re-import the server's __main__ (the CLI and everything it imports) in every
    worker; this way a worker loads pyoxigraph and this module only, and starts quickly.
    """

    def __init__(self, store_dir: str, writable: bool = False) -> None:
        ours, theirs = socket.socketpair()
        command = [sys.executable, "-m", "graph.endpoint.worker", str(theirs.fileno()), store_dir]
        if writable:
            command.append("--writable")
        self.process = subprocess.Popen(
            command, pass_fds=(theirs.fileno(),), stdin=subprocess.DEVNULL
        )
        theirs.close()
        self.conn = Connection(ours.detach())
        if not self.conn.poll(60):
            self.kill()
            raise RuntimeError("a query worker did not start within 60 s")
        status, *detail = self.conn.recv()
        if status != "ready":
            self.kill()
            raise RuntimeError(str(detail[-1]))

    def ask(self, job: Any, timeout: float) -> tuple[str, Any, Any] | None:
        """The job's answer, or None when it did not come within `timeout` seconds."""
        self.conn.send(job)
        if self.conn.poll(timeout):
            return self.conn.recv()
        return None

    def stop(self) -> None:
        """End the worker by closing its connection, so a writer closes the store cleanly."""
        self.conn.close()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.kill()

    def kill(self) -> None:
        self.process.kill()
        self.process.wait(5)
        with contextlib.suppress(OSError):
            self.conn.close()


class Pool:
    """A fixed number of workers; a job waits for an idle one, within the same timeout."""

    def __init__(self, store_dir: str, size: int, timeout: float) -> None:
        self.store_dir, self.size, self.timeout = store_dir, size, timeout
        self._idle: queue.Queue[Worker] = queue.Queue()
        self._closed = False
        self._gate = threading.Lock()  # held by an update while it swaps all workers
        for _ in range(size):
            self._idle.put(Worker(store_dir))
        # Replacements are started by one long-lived thread: a worker dies with the thread
        # that started it (PR_SET_PDEATHSIG is per thread), so never start one from a
        # short-lived thread.
        self._requests: queue.Queue[bool] = queue.Queue()
        self._spawner = threading.Thread(target=self._spawn_loop, daemon=True)
        self._spawner.start()

    def run(self, job: Any, timeout: float | None = None) -> tuple[str, Any, Any]:
        """Evaluate `job` on an idle worker; a 503 EndpointError when it takes too long."""
        limit = self.timeout if timeout is None else timeout
        deadline = time.monotonic() + limit
        try:
            worker = self._idle.get(timeout=limit)
        except queue.Empty:
            raise EndpointError(
                503, f"All {self.size} query workers stayed busy for {limit:g} s; try again."
            ) from None
        try:
            answer = worker.ask(job, max(deadline - time.monotonic(), 0.05))
        except (EOFError, OSError, BrokenPipeError):
            answer = ("crashed", None, None)
        if answer is None or answer[0] == "crashed":
            worker.kill()  # this is what really stops the work
            self._replace()
            if answer is None:
                raise EndpointError(
                    503,
                    f"The query ran longer than the time limit of {limit:g} s and was stopped. "
                    "Narrow it down (LIMIT, more specific patterns) or ask the operator for "
                    "a longer --timeout.",
                )
            raise EndpointError(500, "The query worker failed; the request was not answered.")
        self._idle.put(worker)
        return answer

    def _replace(self) -> None:
        self._requests.put(True)

    def _spawn_loop(self) -> None:
        while self._requests.get():
            while not self._closed:
                try:
                    self._idle.put(Worker(self.store_dir))
                    break
                except Exception:
                    log.exception("could not start a query worker; retrying")
                    time.sleep(1)

    @contextlib.contextmanager
    def exclusive(self) -> Iterator[None]:
        """Stop every worker (waiting for running jobs), yield, then start them afresh.

        Used around writes: no reader may have the store open while a writer changes it.
        """
        with self._gate:
            taken = []
            try:
                for _ in range(self.size):
                    taken.append(self._idle.get(timeout=max(self.timeout * 2, 30)))
            except queue.Empty:
                for w in taken:
                    self._idle.put(w)
                raise EndpointError(503, "The store is busy; try the write again.") from None
            for w in taken:
                w.kill()
            try:
                yield
            finally:
                for _ in range(self.size):
                    self._replace()

    def close(self) -> None:
        self._closed = True
        self._requests.put(False)
        while True:
            try:
                self._idle.get_nowait().kill()
            except queue.Empty:
                return


def write(pool: Pool, job: UpdateJob | GraphStoreJob, timeout: float) -> tuple[str, Any, Any]:
    """Run a write in a one-shot writable worker while no reader has the store open."""
    with pool.exclusive():
        worker = Worker(pool.store_dir, writable=True)
        try:
            answer = worker.ask(job, timeout)
        finally:
            worker.stop()
    if answer is None:
        raise EndpointError(503, f"The update ran longer than {timeout:g} s and was stopped.")
    return answer


if __name__ == "__main__":
    # run the importable module's copy, so unpickled jobs are instances of its classes
    from graph.endpoint import worker as module

    module.worker_main(Connection(int(sys.argv[1])), sys.argv[2], "--writable" in sys.argv[3:])
