"""Handing jobs to worker processes: time limits, two lanes, and one build at a time.

A job waits for an idle worker and for its answer, both within the time limit; when the limit
passes, its worker is killed (that is what really stops the work) and replaced.

Two lanes keep cheap queries flowing while slow ones run. Every job starts in the fast lane.
A job still running after `slow_after` seconds has proved slow: its worker is lowered in
priority and counted against the slow lane, and a fresh worker takes its place in the fast
lane. The slow lane holds at most `max_slow` such jobs; one more is stopped with a 503 at once
rather than taking the machine from everybody else. A query text that proved slow (or that
crashed a worker) goes straight to the slow lane the next time, so a client repeating a
runaway query only ever waits for, and competes with, other slow queries.

The store is the build dist/ holds now: before each job the pool compares the build's
generation with the one its workers opened, and on a change replaces them all before any
further job runs, so answers never mix two builds.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import queue
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from typing import Any

from graph.endpoint.evaluate import GraphStoreJob, UpdateJob
from graph.endpoint.limits import EndpointError
from graph.endpoint.worker import Worker

log = logging.getLogger("kruisverband.endpoint")
Locate = Callable[[], tuple[str | None, str]]  # () -> (generation, store folder)
REMEMBERED = 1024  # query texts remembered as slow


class Pool:
    """Worker processes in a fast and a slow lane over the current build's store."""

    def __init__(
        self,
        locate: Locate,
        size: int,
        timeout: float,
        *,
        offline: bool = True,
        slow_after: float = 0.5,
        max_slow: int | None = None,
        on_switch: Callable[[str], None] | None = None,
    ) -> None:
        self.locate, self.size, self.timeout, self.offline = locate, size, timeout, offline
        self.slow_after = min(slow_after, timeout)
        self.max_slow = max(1, size // 2) if max_slow is None else max_slow
        self.on_switch = on_switch
        self.generation, self.store_dir = locate()
        self._fast: queue.Queue[Worker] = queue.Queue()
        self._slow_idle: queue.Queue[Worker] = queue.Queue()
        self._slow_lane = threading.BoundedSemaphore(self.max_slow)
        self._suspects: OrderedDict[str, None] = OrderedDict()  # texts that proved slow
        self._lock = threading.Lock()  # guards the generation switch and the suspects
        self._closed = False
        self._gate = threading.Lock()  # held by a write while it replaces every worker
        self._requests: queue.Queue[tuple[bool, Future[Worker] | None] | None] = queue.Queue()
        self._spawner = threading.Thread(target=self._spawn_loop, daemon=True)
        self._spawner.start()
        first = self._start()
        self.not_walled = first.not_walled  # why workers can reach the network, if they can
        self._fast.put(first)
        for _ in range(size - 1):
            self._fast.put(self._start())

    # -- running a job ------------------------------------------------------------------
    def run(self, job: Any, timeout: float | None = None) -> tuple[str, Any, Any]:
        """Evaluate `job`; a 503 EndpointError when it waits or runs past the time limit."""
        limit = self.timeout if timeout is None else timeout
        deadline = time.monotonic() + limit
        self._follow_build()
        key = _key(job)
        if self._is_suspect(key):
            return self._run_slow(job, key, deadline, limit)
        worker = self._take(self._fast, deadline, limit)
        try:
            worker.send(job)
            answer = worker.answer(min(self.slow_after, _left(deadline)))
        except (EOFError, OSError):
            return self._crashed(worker, key)
        if answer is not None:
            self._give_back(worker)
            return answer
        # proved slow: hand its place in the fast lane to a fresh worker, keep it running
        self._suspect(key)
        worker.lower_priority()
        self._replace()
        if not self._slow_lane.acquire(blocking=False):
            worker.kill()
            raise EndpointError(503, "slow_lane_full", slow=self.max_slow, after=self.slow_after)
        try:
            return self._finish(worker, key, deadline, limit, keep=False)
        finally:
            self._slow_lane.release()

    def _run_slow(self, job: Any, key: str, deadline: float, limit: float) -> tuple[str, Any, Any]:
        """A query known to be slow: wait for a place in the slow lane, within the limit."""
        if not self._slow_lane.acquire(timeout=_left(deadline)):
            raise EndpointError(503, "slow_lane_taken", slow=self.max_slow, limit=limit)
        try:
            try:
                worker = self._slow_idle.get_nowait()
            except queue.Empty:
                worker = None
            if worker is None or worker.generation != self.generation:
                if worker is not None:
                    worker.kill()  # opened an older build
                worker = self._start()
                worker.lower_priority()
            try:
                worker.send(job)
            except (EOFError, OSError):
                return self._crashed(worker, key)
            return self._finish(worker, key, deadline, limit, keep=True)
        finally:
            self._slow_lane.release()

    def _finish(
        self, worker: Worker, key: str, deadline: float, limit: float, *, keep: bool
    ) -> tuple[str, Any, Any]:
        """Wait for a slow job's answer until the deadline; kill its worker when it is late."""
        started = time.monotonic()
        try:
            answer = worker.answer(_left(deadline))
        except (EOFError, OSError):
            return self._crashed(worker, key)
        if answer is None:
            worker.kill()
            raise EndpointError(503, "time_limit", limit=limit)
        if keep and time.monotonic() - started < self.slow_after / 2:
            self._forgive(key)  # fast this time: let it use the fast lane again
        if keep and worker.generation == self.generation and not self._closed:
            self._slow_idle.put(worker)
        else:
            worker.kill()
        return answer

    def _crashed(self, worker: Worker, key: str) -> tuple[str, Any, Any]:
        log.error("a query worker died while evaluating a request")
        self._suspect(key)  # if it is sent again, it can only take a slow-lane place
        worker.kill()
        if not worker.slow:
            self._replace()
        raise EndpointError(500, "worker_failed")

    def _take(self, lane: queue.Queue[Worker], deadline: float, limit: float) -> Worker:
        while True:
            try:
                worker = lane.get(timeout=_left(deadline))
            except queue.Empty:
                raise EndpointError(503, "workers_busy", size=self.size, limit=limit) from None
            if worker.generation == self.generation:
                return worker
            worker.kill()  # opened an older build: the switch started its replacement

    def _give_back(self, worker: Worker) -> None:
        if worker.generation == self.generation:
            self._fast.put(worker)
        else:
            worker.kill()  # a build landed while it ran: the switch started its replacement

    # -- remembering slow queries -------------------------------------------------------
    def _is_suspect(self, key: str) -> bool:
        with self._lock:
            return key in self._suspects

    def _suspect(self, key: str) -> None:
        with self._lock:
            self._suspects[key] = None
            self._suspects.move_to_end(key)
            while len(self._suspects) > REMEMBERED:
                self._suspects.popitem(last=False)

    def _forgive(self, key: str) -> None:
        with self._lock:
            self._suspects.pop(key, None)

    # -- following the build ------------------------------------------------------------
    def _follow_build(self) -> None:
        """Switch every worker to the build now in dist/ when it changed."""
        generation, store_dir = self.locate()
        if generation == self.generation:
            return
        with self._gate, self._lock:
            if generation == self.generation:
                return
            log.warning("a new build landed: the query workers reopen the store")
            self.store_dir, self.generation = store_dir, generation
            fresh = [self._start() for _ in range(self.size)]  # before any further job runs
            for lane in (self._fast, self._slow_idle):
                with contextlib.suppress(queue.Empty):
                    while True:
                        lane.get_nowait().kill()
            for worker in fresh:
                self._fast.put(worker)
            self._suspects.clear()
        if self.on_switch is not None:
            self.on_switch(store_dir)

    # -- starting and stopping workers --------------------------------------------------
    def _start(self, writable: bool = False) -> Worker:
        """A new worker on the current build, started by the spawner thread and waited for."""
        done: Future[Worker] = Future()
        self._requests.put((writable, done))
        return done.result()

    def _replace(self) -> None:
        """Start a fast-lane worker in the background."""
        self._requests.put((False, None))

    def _spawn_loop(self) -> None:
        # A worker dies with the thread that started it (PR_SET_PDEATHSIG is per thread), so
        # every worker is started by this one long-lived thread, never by a request thread.
        while (request := self._requests.get()) is not None:
            writable, done = request
            while not self._closed:
                generation, store_dir = self.generation, self.store_dir  # read together
                try:
                    worker = Worker(store_dir, writable=writable, offline=self.offline)
                except Exception as err:
                    if done is not None:
                        done.set_exception(err)
                        break
                    log.exception("could not start a query worker; retrying")
                    time.sleep(1)
                    continue
                worker.generation = generation
                if generation != self.generation:  # a build landed while it started
                    worker.kill()
                    continue
                if done is not None:
                    done.set_result(worker)
                else:
                    self._fast.put(worker)
                break

    @contextlib.contextmanager
    def exclusive(self) -> Iterator[None]:
        """Stop every worker (waiting for running jobs), yield, then start them afresh.

        Used around writes: no reader may have the store open while a writer changes it.
        """
        wait = max(self.timeout * 2, 30)
        with self._gate:
            taken: list[Worker] = []
            places = 0
            try:
                for _ in range(self.size):
                    taken.append(self._fast.get(timeout=wait))
                for _ in range(self.max_slow):  # no slow query may still be reading
                    if not self._slow_lane.acquire(timeout=wait):
                        raise queue.Empty
                    places += 1
            except queue.Empty:
                for w in taken:
                    self._fast.put(w)
                for _ in range(places):
                    self._slow_lane.release()
                raise EndpointError(503, "store_busy") from None
            for w in taken:
                w.kill()
            with contextlib.suppress(queue.Empty):
                while True:
                    self._slow_idle.get_nowait().kill()
            try:
                yield
            finally:
                for _ in range(places):
                    self._slow_lane.release()
                for _ in range(self.size):
                    self._replace()

    def write(self, job: UpdateJob | GraphStoreJob) -> tuple[str, Any, Any]:
        """Run a write in a one-shot writable worker while no reader has the store open."""
        with self.exclusive():
            worker = self._start(writable=True)
            try:
                answer = worker.ask(job, self.timeout)
            finally:
                worker.stop()
        if answer is None:
            raise EndpointError(503, "update_time_limit", limit=self.timeout)
        return answer

    def close(self) -> None:
        self._closed = True
        self._requests.put(None)
        for lane in (self._fast, self._slow_idle):
            with contextlib.suppress(queue.Empty):
                while True:
                    lane.get_nowait().kill()


def _left(deadline: float) -> float:
    return max(deadline - time.monotonic(), 0.01)


def _key(job: Any) -> str:
    """What identifies a query for remembering it as slow: its text and how it is asked."""
    return hashlib.sha256(repr(job).encode()).hexdigest()
