"""Query evaluation in worker processes, so that a timeout really stops the work.

pyoxigraph evaluates a query inside Rust without releasing a way to interrupt it from Python,
so a runaway query (a cross product over the store) can only be stopped by ending the process
that runs it. Each worker opens the store read-only and evaluates one job at a time (pool.py
hands out the jobs). Workers also serialize the answer, so caps on result size are enforced
where the rows are produced.

Two things a worker does to itself before it reads a job:
- With federation off it forbids itself every socket but the Unix one it was given (a seccomp
  filter), so no query, however it got past the endpoint's checks, can make it connect out.
- It evaluates on a thread with a large stack: the engine recurses over the query's algebra,
  and a long but legal query (thousands of BINDs or UNIONs within the length cap) would
  overflow the default 8 MB and kill the process.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import signal
import socket
import subprocess
import sys
import threading
import traceback
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from graph.dist import WRITTEN
from graph.endpoint.error_texts import Message
from graph.endpoint.evaluate import execute

STACK_BYTES = 256 * 1024 * 1024  # reserved, not used: pages are touched only as needed


def _die_with_parent() -> None:
    """Linux: have the kernel kill this worker when the server process dies, however it dies."""
    with contextlib.suppress(Exception):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def forbid_network() -> str | None:
    """Make every new non-Unix socket fail with EACCES in this process; None when in force,
    else why not (no seccomp here), so the server can say so."""
    try:
        import pyseccomp as seccomp

        rules = seccomp.SyscallFilter(defaction=seccomp.ALLOW)
        rules.add_rule(
            seccomp.ERRNO(errno.EACCES), "socket", seccomp.Arg(0, seccomp.NE, socket.AF_UNIX)
        )
        rules.add_rule(seccomp.ERRNO(errno.EPERM), "io_uring_setup")  # sockets without socket()
        rules.load()
    except Exception as err:  # ImportError off Linux, OSError without libseccomp
        return f"{type(err).__name__}: {err}"
    return None


def worker_main(conn: Connection, store_dir: str, writable: bool, offline: bool) -> None:
    """A worker's life: wall itself off, open the store, answer jobs until the pipe closes."""
    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's to handle
    not_walled = forbid_network() if offline else None
    try:
        if writable:  # the next build must not start from a store that holds more than it made
            (Path(store_dir).parent / WRITTEN).touch()
        store = ox.Store(store_dir) if writable else ox.Store.read_only(store_dir)
    except OSError as err:
        conn.send(("error", 500, f"cannot open the store: {err}"))
        return
    conn.send(("ready", os.getpid(), not_walled))
    threading.stack_size(STACK_BYTES)
    loop = threading.Thread(target=_answer_jobs, args=(conn, store), name="evaluate")
    loop.start()
    loop.join()


def _answer_jobs(conn: Connection, store: ox.Store) -> None:
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        try:
            result = execute(store, job)
        except Exception:
            traceback.print_exc()  # to the server's log, never to the client
            result = ("error", 500, Message("internal_evaluating"))
        conn.send(result)


class Worker:
    """One worker process and the connection to it.

    Started as `python -m graph.endpoint.worker` rather than by multiprocessing's spawn,
    which would re-import the server's __main__ (the CLI and everything it imports) in every
    worker; this way a worker loads pyoxigraph and this module only, and starts quickly.
    """

    def __init__(self, store_dir: str, *, writable: bool = False, offline: bool = True) -> None:
        ours, theirs = socket.socketpair()
        command = [sys.executable, "-m", "graph.endpoint.worker", str(theirs.fileno()), store_dir]
        command += ["--writable"] if writable else []
        command += ["--offline"] if offline else []
        self.process = subprocess.Popen(
            command, pass_fds=(theirs.fileno(),), stdin=subprocess.DEVNULL
        )
        theirs.close()
        self.conn = Connection(ours.detach())
        self.generation: str | None = None  # the build it has open; set by the pool
        self.slow = False  # has run a job past the pool's slow mark
        if not self.conn.poll(60):
            self.kill()
            raise RuntimeError("a query worker did not start within 60 s")
        status, _pid, detail = self.conn.recv()
        if status != "ready":
            self.kill()
            raise RuntimeError(str(detail))
        self.not_walled: str | None = detail  # why the network wall is missing, if it is

    def send(self, job: Any) -> None:
        self.conn.send(job)

    def answer(self, timeout: float) -> tuple[str, Any, Any] | None:
        """The job's answer, or None when it did not come within `timeout` seconds."""
        if self.conn.poll(timeout):
            return self.conn.recv()
        return None

    def ask(self, job: Any, timeout: float) -> tuple[str, Any, Any] | None:
        self.send(job)
        return self.answer(timeout)

    def lower_priority(self) -> None:
        """Let the kernel prefer the other workers: this one is running a slow query."""
        with contextlib.suppress(OSError):
            os.setpriority(os.PRIO_PROCESS, self.process.pid, 10)
        self.slow = True

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


if __name__ == "__main__":
    # run the importable module's copy, so unpickled jobs are instances of its classes
    from graph.endpoint import worker as module

    flags = sys.argv[3:]
    module.worker_main(
        Connection(int(sys.argv[1])), sys.argv[2], "--writable" in flags, "--offline" in flags
    )
