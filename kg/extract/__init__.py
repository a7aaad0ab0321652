"""Extraction: a spaCy pipeline that finds typed concepts in abstracts.

Everything this stage returns is a ``kg.types`` model; spaCy objects stay inside.
"""

from kg.extract.pipeline import Extractor, base_model_name, load_pipeline, role_for

__all__ = ["Extractor", "base_model_name", "load_pipeline", "role_for"]
