"""A real `ivp serve` on 127.0.0.1 for the endpoint tests: started, waited for, stopped.

The server runs as its own process through the real CLI (so the worker processes, signals and
ports are all real); the fixture reads the URL it prints, with port 0 so the kernel picks a
free port and parallel runs never collide.
"""

from __future__ import annotations

import http.client
import os
import re
import subprocess
import sys
import threading
import time
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from graph.config import PROJECT_ROOT, Settings

BASE = "https://w3id.org/kruisverband/"
PLAN = BASE + "id/plan/nijmegen-2022"
THEME = BASE + "id/thema/nijmegen-2022/ondermijning"
PLAN_GRAPH = BASE + "id/graaf/nijmegen-2022"
OTHER_GRAPH = BASE + "id/graaf/pijnacker-nootdorp-2023"
TIMEOUT = 3  # seconds: the test server's query time limit
MAX_ROWS = 5000
MAX_BODY = 65536
MAX_QUERY = 20000
TOKEN = "test-token-not-secret"


@dataclass
class Server:
    url: str  # e.g. http://127.0.0.1:43210/
    process: subprocess.Popen
    log: list[str]

    @property
    def host(self) -> str:
        return urllib.parse.urlsplit(self.url).netloc

    @property
    def address(self) -> tuple[str, int]:
        parts = urllib.parse.urlsplit(self.url)
        return parts.hostname or "127.0.0.1", parts.port or 80

    @property
    def sparql(self) -> str:
        return self.url + "sparql"

    def request(
        self,
        method: str,
        path: str,
        body: bytes | str | None = None,
        headers: dict[str, str] | None = None,
        timeout: float = 60,
    ) -> tuple[int, dict[str, str], bytes]:
        """A raw HTTP request (no redirects followed): status, headers (lower-case), body."""
        conn = http.client.HTTPConnection(self.host, timeout=timeout)
        try:
            data = body.encode() if isinstance(body, str) else body
            conn.request(method, path, body=data, headers=headers or {})
            response = conn.getresponse()
            return (
                response.status,
                {k.lower(): v for k, v in response.getheaders()},
                response.read(),
            )
        finally:
            conn.close()

    def get_query(self, query: str, accept: str = "*/*", **params: str):
        qs = urllib.parse.urlencode({"query": query, **params}, doseq=True)
        return self.request("GET", f"/sparql?{qs}", headers={"Accept": accept})

    def post_form(self, fields: list[tuple[str, str]], accept: str = "*/*", **headers: str):
        return self.request(
            "POST",
            "/sparql",
            urllib.parse.urlencode(fields),
            {"Content-Type": "application/x-www-form-urlencoded", "Accept": accept, **headers},
        )

    def count(self) -> int:
        """Triples in the union default graph, asked the ordinary way."""
        import json

        status, _, body = self.get_query(
            "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "application/sparql-results+json"
        )
        assert status == 200, body
        return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])

    def descendants(self) -> list[int]:
        """Process ids of the server's children and their children (the query workers)."""
        parents: dict[int, list[int]] = {}
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            parents.setdefault(ppid, []).append(int(entry.name))
        found, todo = [], [self.process.pid]
        while todo:
            for child in parents.get(todo.pop(), []):
                found.append(child)
                todo.append(child)
        return found


def cpu_ticks(pids: list[int]) -> int:
    """User+system CPU ticks used so far by these processes (gone ones count zero)."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total


@contextmanager
def running_server(
    settings: Settings, *extra: str, env: dict[str, str] | None = None
) -> Iterator[Server]:
    """Start `ivp serve` on a free port with small limits; stop it (and its workers) after."""
    command = [
        sys.executable, "-m", "cli",
        "--data", str(settings.data_dir), "--dist", str(settings.dist_dir),
        "serve", "--port", "0",
        "--timeout", str(TIMEOUT), "--workers", "2",
        "--max-rows", str(MAX_ROWS), "--max-body", str(MAX_BODY),
        "--max-query-length", str(MAX_QUERY),
        *extra,
    ]  # fmt: skip
    process = subprocess.Popen(
        command,
        cwd=PROJECT_ROOT,
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
        env={**os.environ, "KRUISVERBAND_ONTOLOGY": str(settings.ontology_dir), **(env or {})},
    )
    log: list[str] = []
    url = None
    deadline = time.monotonic() + 120
    assert process.stderr is not None
    while url is None and time.monotonic() < deadline:
        line = process.stderr.readline()
        if not line:
            break
        log.append(line)
        match = re.search(r"SPARQL[- ]endpoint: (http://\S+/)sparql", line)  # nl or en
        if match:
            url = match.group(1)
    if url is None:
        process.kill()
        raise RuntimeError("ivp serve did not start:\n" + "".join(log))
    drain = threading.Thread(target=lambda: log.extend(process.stderr), daemon=True)  # type: ignore[arg-type]
    drain.start()
    try:
        yield Server(url, process, log)
    finally:
        process.terminate()
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)
