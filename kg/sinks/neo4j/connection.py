"""Where Neo4j is and how to log in: flags, then the environment, then ``.env``; and the driver-backed runner.

The password is kept out of every ``repr``, message and log line.

>>> settings = Settings.resolve(uri="bolt://db:7687", password="s3cret", environ={}, env_file=None)
>>> settings
Settings(uri='bolt://db:7687', username='neo4j', database=None)
>>> "s3cret" in repr(settings) + settings.describe()
False
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import KGError

__all__ = ["DEFAULT_URI", "ConnectionError", "Neo4jRunner", "Settings", "connect"]

logger = logging.getLogger(__name__)

DEFAULT_URI = "neo4j://localhost:7687"
DEFAULT_USERNAME = "neo4j"
ENV_FILE = Path(".env")


class ConnectionError(KGError):  # noqa: A001 - kg's own, raised only by this module
    """The server cannot be reached, refused the login, or has no such database."""


@dataclass(frozen=True)
class Settings:
    """A Neo4j connection: ``password`` never shows in ``repr``."""

    uri: str = DEFAULT_URI
    username: str | None = DEFAULT_USERNAME
    password: str | None = field(default=None, repr=False)
    database: str | None = None

    @classmethod
    def resolve(
        cls,
        uri: str | None = None,
        username: str | None = None,
        password: str | None = None,
        database: str | None = None,
        environ: Mapping[str, str] | None = None,
        env_file: Path | None = ENV_FILE,
    ) -> Settings:
        """Each value from its flag, else ``NEO4J_*`` in the environment, else ``.env``, else the default."""
        environ = os.environ if environ is None else environ
        dotenv: Mapping[str, str | None] = {}
        if env_file is not None and Path(env_file).is_file():
            from dotenv import dotenv_values

            dotenv = dotenv_values(env_file)

        def pick(flag: str | None, name: str, default: str | None) -> str | None:
            for value in (flag, environ.get(name), dotenv.get(name)):
                if value:
                    return value
            return default

        return cls(
            uri=pick(uri, "NEO4J_URI", DEFAULT_URI) or DEFAULT_URI,
            username=pick(username, "NEO4J_USERNAME", DEFAULT_USERNAME),
            password=pick(password, "NEO4J_PASSWORD", None),
            database=pick(database, "NEO4J_DATABASE", None),
        )

    @property
    def auth(self) -> tuple[str, str] | None:
        """Basic auth when a password is set; none otherwise (a server without auth)."""
        return (self.username or DEFAULT_USERNAME, self.password) if self.password else None

    def describe(self) -> str:
        """Where, as a user would want to read it: never the password."""
        who = f" as {self.username}" if self.auth else " without auth"
        return f"{self.uri}{who}, database {self.database or '(server default)'}"


class Neo4jRunner:
    """Runs statements through the official ``neo4j`` driver: one managed transaction per call.

    ``execute_write`` retries transient errors (a leader switch, a deadlock) itself.
    """

    def __init__(self, driver: Any, settings: Settings):
        self.driver = driver
        self.settings = settings

    def _session(self) -> Any:
        return self.driver.session(database=self.settings.database) if self.settings.database else self.driver.session()

    def write(self, cypher: str, parameters: dict[str, Any]) -> list[dict[str, Any]]:
        with self._session() as session:
            return session.execute_write(lambda tx: tx.run(cypher, parameters).data())

    def read(self, cypher: str, parameters: dict[str, Any]) -> list[dict[str, Any]]:
        with self._session() as session:
            return session.execute_read(lambda tx: tx.run(cypher, parameters).data())

    def close(self) -> None:
        self.driver.close()

    def __enter__(self) -> Neo4jRunner:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


#: Seconds to open a connection and finish the Bolt handshake, per attempt.
CONNECT_TIMEOUT = 15.0


def connect(settings: Settings, wait: float = 0.0) -> Neo4jRunner:
    """A runner on a verified connection, or a ``ConnectionError`` that says what to fix.

    ``wait`` > 0 keeps retrying an unreachable server for that many seconds
    (a Neo4j container takes a while to accept connections after ``docker compose up -d``).
    """
    deadline = time.monotonic() + wait
    while True:
        try:
            return _connect_once(settings)
        except _Unreachable as error:
            if time.monotonic() + 1 >= deadline:
                raise ConnectionError(str(error)) from None
            logger.info("%s; retrying", error)
            time.sleep(1)


class _Unreachable(Exception):
    pass


def _connect_once(settings: Settings) -> Neo4jRunner:
    import neo4j
    from neo4j import exceptions

    where = settings.describe()
    try:
        driver = neo4j.GraphDatabase.driver(
            settings.uri, auth=settings.auth, connection_timeout=CONNECT_TIMEOUT, connection_acquisition_timeout=CONNECT_TIMEOUT
        )
    except (exceptions.ConfigurationError, ValueError) as error:
        raise ConnectionError(f"{settings.uri!r} is not a Neo4j URI ({error}); use bolt://host:7687 or neo4j+s://….") from None
    try:
        if settings.database:
            driver.verify_connectivity(database=settings.database)
        else:
            driver.verify_connectivity()
    except exceptions.AuthError:
        driver.close()
        raise ConnectionError(
            f"Neo4j at {where} refused the login: check NEO4J_USERNAME and NEO4J_PASSWORD (or --username/--password)."
        ) from None
    except (exceptions.ServiceUnavailable, OSError) as error:
        driver.close()
        raise _Unreachable(
            f"cannot reach Neo4j at {where}: {error}. Is it running (`docker compose up -d`)? "
            "Set NEO4J_URI or --uri to point elsewhere."
        ) from None
    except exceptions.Neo4jError as error:
        driver.close()
        raise ConnectionError(f"Neo4j at {where} refused the connection: {error.message or error}") from None
    logger.info("connected to %s", where)
    return Neo4jRunner(driver, settings)
