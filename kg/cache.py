"""A content-hash cache of per-paper extraction results, in one SQLite file.

An entry's key is the SHA-256 of the extraction setup's fingerprint and the
paper's abstract, the only text extraction reads; the paper id is rewritten on a
hit, so the same abstract under another id is not extracted twice. Anything that
can change what extraction returns is in the fingerprint: kg's version, the
config, every file of the shipped models and lexicons, the extraction source
code, the spaCy base model and the library versions that run the models, the
keyphrase settings, and the backend, precision and device each encoder runs on as
this machine resolves ``auto`` (``kg.extract.inference``). A change there makes
every old entry a miss; nothing is ever read back from a different setup.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import logging
import os
import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path

from pydantic import ValidationError
from thinc.api import Config

from kg import __version__, defaults
from kg.extract.inference import resolve
from kg.types import Extraction, Paper

__all__ = ["ExtractionCache", "default_cache_dir", "extraction_settings", "fingerprint", "paper_key"]

logger = logging.getLogger(__name__)

#: The libraries whose version can change a model's output, besides kg itself.
_LIBRARIES = (
    "spacy",
    "thinc",
    "torch",
    "transformers",
    "sentence-transformers",
    "keybert",
    "numpy",
    "scikit-learn",
    "onnx",
    "onnxruntime",
)
_SOURCES = (defaults.PACKAGE_DIR / "types.py", *sorted((defaults.PACKAGE_DIR / "extract").glob("*.py")))
_DATA_DIRS = (defaults.PACKAGE_DIR / "extract" / "models", defaults.PACKAGE_DIR / "extract" / "lexicons")
_FILE = "extractions.sqlite"


def default_cache_dir() -> Path:
    """``$KG_CACHE_DIR``, else ``$XDG_CACHE_HOME/kg``, else ``~/.cache/kg``."""
    if os.environ.get("KG_CACHE_DIR"):
        return Path(os.environ["KG_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "kg"


def extraction_settings(
    config_path: Path = defaults.EXTRACT_CONFIG, keyphrases: bool | None = None, overrides: dict | None = None
) -> dict:
    """What the extractor ``Extractor.load(config_path, keyphrases=…, overrides=…)`` would do, read without loading
    it; ``inference`` is how each encoder runs on this machine. A setting it cannot run raises ``ValueError``."""
    config = Config().from_disk(config_path, overrides=overrides or {})
    settings = dict(config.get("keyphrases", {"enabled": False}))
    enabled = settings.pop("enabled") if keyphrases is None else keyphrases
    models = list(config["base"]["models"])
    blocks = {name: block for name, block in config["components"].items() if "backend" in block}
    if enabled:
        blocks["keyphrases"] = settings
    inference = {
        name: vars(resolve(block["backend"], block.get("precision", "auto"), block.get("device", "auto")))
        for name, block in blocks.items()
    }
    return {
        "keyphrases": bool(enabled),
        "keyphrase_settings": settings if enabled else {},
        "base_models": models,
        "inference": inference,
    }


def fingerprint(
    config_path: Path = defaults.EXTRACT_CONFIG, keyphrases: bool | None = None, overrides: dict | None = None
) -> str:
    """The SHA-256 of everything that decides what extraction returns for an abstract."""
    digest = hashlib.sha256()
    settings = extraction_settings(config_path, keyphrases, overrides)
    base = _installed_base_model(settings["base_models"])
    setup = {"kg": __version__, **settings, "base": base, "libraries": _versions()}
    digest.update(json.dumps(setup, sort_keys=True).encode())
    digest.update(Path(config_path).read_bytes())
    for path in decisive_files():
        digest.update(str(path.relative_to(defaults.PACKAGE_DIR)).encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def decisive_files() -> list[Path]:
    """kg's extraction code, model weights and lexicons: the files whose bytes go into the fingerprint.
    Model cards only describe, so editing one keeps the cache."""
    data = (path for directory in _DATA_DIRS for path in sorted(directory.rglob("*")) if path.is_file())
    return [path for path in [*_SOURCES, *data] if "__pycache__" not in path.parts and path.suffix != ".md"]


def _installed_base_model(candidates: Sequence[str]) -> str:
    """``name==version`` of the first installed spaCy pipeline, as ``base_model_name`` picks it."""
    for name in candidates:
        try:
            return f"{name}=={importlib.metadata.version(name)}"
        except importlib.metadata.PackageNotFoundError:
            continue
    return "none"  # Extractor.load will raise its own clear error


def _versions() -> dict[str, str]:
    found = {}
    for name in _LIBRARIES:
        try:
            found[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            found[name] = "absent"
    return found


def paper_key(setup: str, abstract: str) -> str:
    """The cache key of one abstract under the extraction setup ``setup`` (a fingerprint)."""
    return hashlib.sha256(f"{setup}\0{abstract}".encode()).hexdigest()


class ExtractionCache:
    """Extraction results by ``paper_key``, in ``folder/extractions.sqlite``.

    Each ``put`` is one transaction, so an interrupted run leaves whole batches
    or nothing. An entry that cannot be read back is a miss, never an error.
    """

    def __init__(self, folder: Path, setup: str):
        self.path = Path(folder) / _FILE
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.setup = setup
        self._db = sqlite3.connect(self.path, timeout=60)
        self._db.execute("PRAGMA journal_mode=WAL")  # readers never block the one writer
        self._db.execute("CREATE TABLE IF NOT EXISTS extraction (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        # the spaCy model's name goes into summary.json, also when no paper needed the model loaded
        self._db.execute("CREATE TABLE IF NOT EXISTS setup (setup TEXT PRIMARY KEY, model TEXT NOT NULL)")
        self._db.commit()

    def get(self, papers: Sequence[Paper]) -> list[Extraction | None]:
        """The cached extraction of each paper (its id set to the paper's), ``None`` for a miss."""
        keys = [paper_key(self.setup, p.abstract) for p in papers]
        found: dict[str, str] = {}
        for start in range(0, len(keys), 500):  # SQLite caps the number of bound parameters
            chunk = list(dict.fromkeys(keys[start : start + 500]))
            marks = ",".join("?" * len(chunk))
            found.update(self._db.execute(f"SELECT key, value FROM extraction WHERE key IN ({marks})", chunk))
        return [_load(found.get(key), paper.id) for key, paper in zip(keys, papers, strict=True)]

    def put(self, papers: Iterable[Paper], extractions: Iterable[Extraction], model: str) -> None:
        """Store one batch, and the name of the model that extracted it, in one transaction."""
        rows = [(paper_key(self.setup, p.abstract), e.model_dump_json()) for p, e in zip(papers, extractions, strict=True)]
        with self._db:
            self._db.executemany("INSERT OR REPLACE INTO extraction (key, value) VALUES (?, ?)", rows)
            self._db.execute("INSERT OR REPLACE INTO setup (setup, model) VALUES (?, ?)", (self.setup, model))

    def model(self) -> str | None:
        """The spaCy model name recorded for this setup, ``None`` if no batch was stored under it."""
        row = self._db.execute("SELECT model FROM setup WHERE setup = ?", (self.setup,)).fetchone()
        return row[0] if row else None

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> ExtractionCache:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()


def _load(value: str | None, paper_id: str) -> Extraction | None:
    if value is None:
        return None
    try:
        return Extraction.model_validate_json(value).model_copy(update={"paper_id": paper_id})
    except ValidationError as error:
        logger.warning("unreadable cache entry for paper %s, extracting it again: %s", paper_id, error)
        return None
