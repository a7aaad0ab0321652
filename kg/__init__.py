"""kg: knowledge graphs of research literature, built offline from paper abstracts."""

import os
from importlib.metadata import PackageNotFoundError, version

# torch's OpenMP threads sleep when they wait instead of spinning (kg.extract.inference, "Threads"). libgomp reads
# this once, as it loads, and spaCy loads torch: so it is set here, before either; a value already set wins.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

try:
    __version__ = version("kg")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"
