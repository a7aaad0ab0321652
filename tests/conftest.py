"""Shared fixtures: the real seed corpus, one loaded extractor, one real build."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kg.defaults import SAMPLE_CORPUS

REPO = Path(__file__).resolve().parents[1]
#: The seed corpus as the project received it, beside the checkout (CI and developers have it).
SHARED_CORPUS = REPO.parent / "shared" / "corpus"


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
    return subprocess.run([*command, *args], capture_output=True, text=True, cwd=cwd, timeout=900)


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
