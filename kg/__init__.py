"""kg: knowledge graphs of research literature, built offline from paper abstracts."""

import os
from importlib.metadata import PackageNotFoundError, version

# torch's OpenMP threads sleep when they wait instead of spinning (kg.extract.inference, "Threads"). libgomp reads
# this once, as it loads, and spaCy loads torch: so it is set here, before either; a value already set wins.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
# oneDNN's AMX kernels pick their blocking by how many rows a batch has, so in bfloat16 a sequence's output moved by
# up to 0.07 with the rows it shared (kg.extract.inference, "Batches"): capped at AVX-512 with bfloat16 dot products,
# a paper gets the same result alone, in a batch, from the cache or from another worker. Read as oneDNN starts.
os.environ.setdefault("ONEDNN_MAX_CPU_ISA", "AVX512_CORE_BF16")

try:
    __version__ = version("kg")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"
