"""Shared fixtures: the real seed corpus, one loaded extractor, one real build."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from kg.defaults import SAMPLE_CORPUS

REPO = Path(__file__).resolve().parents[1]
#: The seed corpus as the project received it, beside the checkout (CI and developers have it).
SHARED_CORPUS = REPO.parent / "shared" / "corpus"


def pytest_configure(config):
    # Every `kg build` of the session shares one fresh extraction cache, never the user's ~/.cache/kg:
    # no result leaks in from an earlier run, and the seed corpus is extracted once, not once per test.
    if "KG_CACHE_DIR" not in os.environ:
        config._kg_cache = tempfile.mkdtemp(prefix="kg-test-cache-")
        os.environ["KG_CACHE_DIR"] = config._kg_cache


def pytest_unconfigure(config):
    cache = getattr(config, "_kg_cache", None)
    if cache:
        shutil.rmtree(cache, ignore_errors=True)
        os.environ.pop("KG_CACHE_DIR", None)


def sample_file(prefix: str) -> Path:
    """The bundled seed dump whose name starts with ``prefix`` ("004")."""
    return next(SAMPLE_CORPUS.glob(f"{prefix}_*.txt"))


@pytest.fixture(scope="session")
def extractor():
    from kg.extract import Extractor

    return Extractor.load()


def run_kg(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """The installed ``kg`` command, run as a user runs it."""
    command = [shutil.which("kg")] if shutil.which("kg") else [sys.executable, "-m", "kg"]
    return subprocess.run([*command, *args], capture_output=True, text=True, cwd=cwd, timeout=1800)


@pytest.fixture(scope="session")
def default_build(tmp_path_factory) -> subprocess.CompletedProcess:
    """Plain ``kg build``, no arguments, in a fresh folder: the README's first command."""
    cwd = tmp_path_factory.mktemp("first-run")
    result = run_kg("build", cwd=cwd)
    assert result.returncode == 0, result.stderr
    result.cwd = cwd
    return result


@pytest.fixture(scope="session")
def built_bundle(default_build) -> Path:
    return default_build.cwd / "exports"


def make_mention(text: str, type_, canonical: str, role, *, sentence: int = 0, confidence: float = 0.5, aliases=None):
    """A hand-made ``Mention``, for specifications of the stages after extraction."""
    from kg.types import Mention

    return Mention(
        text=text,
        type=type_,
        canonical=canonical,
        start_char=0,
        end_char=len(text),
        sentence=sentence,
        role=role,
        confidence=confidence,
        evidence=f"... {text} ...",
        source="test",
        aliases=[text] if aliases is None else aliases,
    )
