"""ONNX files of kg's two encoders, exported from the shipped weights on first use and kept in the cache folder.

The files are not shipped: each float32 export is about 90 MB (the word-embedding table alone is 47 MB), beyond
what the package should carry. The first run of the onnx backend exports the torch module of
``kg.extract.networks`` (a few seconds, no download: the weights are the package's and the base encoder's), lets
ONNX Runtime's transformer optimizer fuse attention, LayerNorm and GELU, and for ``int8`` quantizes the weight
matrices. A file is named by a hash of the weights and the versions that shape it, so new weights or a new torch
make a new file; ``scripts/export_onnx.py`` makes them ahead of time (for an image or an offline machine).

int8 is ONNX Runtime's dynamic quantization, per output channel, of the attention and first feed-forward
matrices; each layer's feed-forward output matrix (its input is the GELU's, with outliers an 8-bit scale loses)
and the classifier stay in float32. Measured on the tagger's windows of 150 seed abstracts against float32: the
best label of 98.4 % of the pieces unchanged with this choice, 97.6 % quantizing those too, 94 % with one scale
per matrix (``benchmarks/backends.py`` has the dev scores).
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import logging
import os
import warnings
from collections.abc import Callable, Iterable
from pathlib import Path

__all__ = ["EXPORT_VERSION", "export", "onnx_dir", "onnx_file", "quantize"]

logger = logging.getLogger(__name__)

#: Raise when the recipe below changes: every file made before is then made again.
EXPORT_VERSION = 1
_OPSET = 17
_VERSIONS = ("torch", "transformers", "sentence-transformers", "onnx", "onnxruntime")


def onnx_dir() -> Path:
    """``onnx/`` in kg's cache folder (``$KG_CACHE_DIR``, else ``$XDG_CACHE_HOME/kg``, else ``~/.cache/kg``)."""
    from kg.cache import default_cache_dir

    return default_cache_dir() / "onnx"


def onnx_file(name: str, precision: str, module: Callable, sources: Iterable[Path | str], folder: Path | None = None) -> Path:
    """The ONNX file of encoder ``name`` in ``precision`` (``float32`` or ``int8``), made now if missing.

    ``module()`` gives the torch module to export (called only then); ``sources`` are the files and package
    versions its weights come from, hashed into the file's name.
    """
    folder = onnx_dir() if folder is None else folder
    key = _key(sources)
    path = folder / f"{name}-{key}-{precision}.onnx"
    if path.exists():
        return path
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OSError(f"cannot write the ONNX files to {folder}: set KG_CACHE_DIR to a writable folder") from error
    float32 = folder / f"{name}-{key}-float32.onnx"
    if not float32.exists():
        logger.info("exporting %s to ONNX (once): %s", name, float32)
        export(module(), float32)
    if precision == "int8":
        quantize(float32, path)
    for old in folder.glob(f"{name}-*.onnx"):  # files of earlier weights or versions
        if f"-{key}-" not in old.name:
            old.unlink(missing_ok=True)
    return path


def export(module, path: Path) -> None:
    """Export ``module`` (``kg.extract.networks``) to ``path``, optimized for ONNX Runtime on the CPU."""
    import torch
    from onnxruntime.transformers.optimizer import optimize_model

    for part in module.modules():  # the eager attention's graph is the one ONNX Runtime fuses into one node
        if hasattr(part, "set_attn_implementation"):
            part.set_attn_implementation("eager")
    module.eval()
    axes = {"input_ids": ("batch", "width"), "attention_mask": ("batch", "width"), **module.outputs}
    example = torch.ones((2, 16), dtype=torch.long)
    raw = _partial(path, "raw")
    with warnings.catch_warnings(), torch.inference_mode():
        warnings.simplefilter("ignore")  # tracer and deprecation warnings: the graph is checked against torch in tests
        torch.onnx.export(
            module,
            (example, torch.ones_like(example)),
            str(raw),
            input_names=["input_ids", "attention_mask"],
            output_names=list(module.outputs),
            dynamic_axes={name: dict(enumerate(names)) for name, names in axes.items()},
            opset_version=_OPSET,
            dynamo=False,
        )
    config = module.config
    optimized = optimize_model(
        str(raw), model_type="bert", num_heads=config.num_attention_heads, hidden_size=config.hidden_size, opt_level=1
    )
    done = _partial(path, "optimized")
    optimized.save_model_to_file(str(done))
    raw.unlink()
    os.replace(done, path)  # whole files only, also with several processes exporting at once


def quantize(source: Path, path: Path) -> None:
    """``source`` with int8 weights (see the module notes for which), to ``path``."""
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    graph = onnx.load(str(source), load_external_data=False).graph
    keep_float = [node.name for node in graph.node if node.op_type == "MatMul" and not _quantized(node.name)]
    done = _partial(path, "int8")
    quiet = logging.getLogger()
    level, quiet.level = quiet.level, logging.ERROR  # "consider pre-processing": the optimizer did
    try:
        quantize_dynamic(
            source,
            done,
            weight_type=QuantType.QInt8,
            per_channel=True,
            op_types_to_quantize=["MatMul", "Attention"],
            nodes_to_exclude=keep_float,
            extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT},  # fused nodes' outputs have no inferred type
        )
    finally:
        quiet.level = level
    os.replace(done, path)


def _quantized(node: str) -> bool:
    """Whether a MatMul node of the exported graph gets int8 weights: not the feed-forward outputs, not the classifier.

    >>> [_quantized(n) for n in ("/m/encoder/layer.0/attention/output/dense/MatMul", "/m/encoder/layer.0/output/dense/MatMul")]
    [True, False]
    >>> _quantized("/m/classifier/MatMul"), _quantized("/m/encoder/layer.3/intermediate/dense/MatMul")
    (False, True)
    """
    feed_forward_output = "/output/dense/" in node and "/attention/" not in node
    return not feed_forward_output and "/classifier/" not in node


def _key(sources: Iterable[Path | str]) -> str:
    digest = hashlib.sha256(f"{EXPORT_VERSION}".encode())
    for name in _VERSIONS:
        try:
            digest.update(f"{name}=={importlib.metadata.version(name)}".encode())
        except importlib.metadata.PackageNotFoundError:
            digest.update(f"{name} absent".encode())
    for source in sources:
        digest.update(hashlib.sha256(source.read_bytes()).digest() if isinstance(source, Path) else source.encode())
    return digest.hexdigest()[:16]


def _partial(path: Path, stage: str) -> Path:
    return path.with_name(f".{path.stem}.{stage}.{os.getpid()}.onnx")
