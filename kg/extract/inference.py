"""How kg's encoders (concept tagger, keyphrases, sentence roles) run: backend, precision, device, batches.

* Backend: ``torch``, or ``onnx`` (ONNX Runtime on the CPU, from ONNX files exported from the shipped weights on
  first use, ``kg.extract.onnx_export``).
* Precision: ``float32``; ``bfloat16`` (torch only: autocast, worth it where the CPU computes bfloat16 natively,
  AVX512-BF16 or AMX); ``int8`` (onnx only: dynamic quantization of the weight matrices).
* ``auto``, as measured on the 591 seed abstracts (``benchmarks/backends.py``, one thread): torch on a CUDA GPU;
  on a CPU with native bfloat16, torch in bfloat16 (the tagger's encoder 29.0 s, ONNX Runtime float32 46.8 s,
  torch float32 50.9 s, the same SciERC dev F1); on other CPUs ONNX Runtime in float32 (torch float32's outputs,
  8 % faster for the tagger, 10 % for keyphrases).
  int8 was as fast as torch bfloat16 and lost 0.4 points of SciERC dev F1 and 0.9–1.2 of dev triple recall
  (two runs; docs/performance.md), so it is never picked by itself. A ``float32`` or ``int8`` precision with
  ``auto`` backend runs on ONNX Runtime.
* Device (torch only): ``auto`` is CUDA when torch sees a GPU, else the CPU.
* Batches: a sequence is padded to a width fixed by its own length (``padded_width``) and batched only with
  sequences of that width. Otherwise a sequence's output depends on the batch it shares (the padded width changes
  the kernels' summation order; bfloat16 rounding made that visible: up to 0.026 in a tagger probability). Under
  int8 each sequence runs alone, as ONNX Runtime quantizes a matrix product's input with one scale for the whole
  batch. A paper then gets the same result alone, in a batch, in another worker or with another thread count, so
  the cache, the ``--workers`` and the Dask builds agree with the plain one; except, in the last bits (4.5e-8 in
  a phrase embedding), under ONNX Runtime float32 for a batch of one or two short sequences, which its kernels sum
  in another order. On CPUs with AMX, oneDNN's AMX kernels in bfloat16 depend on a batch's rows too (up to 0.07 in
  a tagger probability between one row and eight): ``kg/__init__.py`` caps oneDNN at AVX-512 with bfloat16
  (``ONEDNN_MAX_CPU_ISA``; a value already set wins), where padding by width suffices. A batch of short sequences
  (candidate phrases, titles) holds more of them (``rows_per_batch``).
* Threads: both backends use every core, and their idle threads sleep rather than spin (``OMP_WAIT_POLICY=PASSIVE``
  for torch, set in ``kg/__init__.py``; ``allow_spinning`` 0 for ONNX Runtime). Spinning threads take the cores
  that spaCy, the other workers and other programs need: on a 2-core machine busy with other programs, torch
  bfloat16 over 100 seed abstracts took 51.7 s (tagger) and 112.7 s (keyphrases) spinning, 10.2 s and 15.2 s not.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path

import numpy as np

__all__ = [
    "BACKENDS",
    "DEVICES",
    "PRECISIONS",
    "SHORT_WIDTH",
    "WIDTH_STEP",
    "Inference",
    "OnnxEncoder",
    "TorchEncoder",
    "native_bfloat16",
    "padded_batches",
    "padded_width",
    "rows_per_batch",
    "cuda_available",
    "resolve",
    "set_threads",
]

BACKENDS = ("auto", "torch", "onnx")
PRECISIONS = ("auto", "float32", "bfloat16", "int8")
DEVICES = ("auto", "cpu", "cuda")
#: Padded widths above 64 pieces are multiples of this many.
WIDTH_STEP = 32
#: A batch of sequences narrower than this many pieces holds proportionally more of them (``rows_per_batch``).
SHORT_WIDTH = 64
_BFLOAT16_FLAGS = {"avx512_bf16", "amx_bf16"}
_threads: int | None = None  # the intra-op threads of the ONNX Runtime sessions made from now on; None: all cores


@dataclass(frozen=True)
class Inference:
    """A resolved setting: no ``auto`` left."""

    backend: str
    precision: str
    device: str


@functools.cache
def native_bfloat16() -> bool:
    """Whether the CPU computes bfloat16 natively: the ``flags`` of ``/proc/cpuinfo`` on Linux, else assumed not.

    Read from the file rather than from torch so that the extraction cache can key on it without importing torch.
    """
    try:
        text = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    for line in text.splitlines():
        if line.startswith("flags"):
            return bool(_BFLOAT16_FLAGS & set(line.partition(":")[2].split()))
    return False


def resolve(backend: str = "auto", precision: str = "auto", device: str = "auto") -> Inference:
    """What the ``[inference]`` settings mean on this machine.

    >>> resolve("onnx", "auto")
    Inference(backend='onnx', precision='float32', device='cpu')
    >>> resolve("torch", "float32", "cpu")
    Inference(backend='torch', precision='float32', device='cpu')
    >>> resolve("onnx", "bfloat16")
    Traceback (most recent call last):
    ValueError: precision 'bfloat16' needs backend = "torch" (ONNX Runtime has float32 and int8 here)
    """
    for name, value, allowed in (
        ("backend", backend, BACKENDS),
        ("precision", precision, PRECISIONS),
        ("device", device, DEVICES),
    ):
        if value not in allowed:
            raise ValueError(f"{name} must be one of {', '.join(allowed)}, not {value!r}")
    if backend == "auto":
        gpu = device == "cuda" or (device == "auto" and precision != "int8" and cuda_available())
        bfloat16 = precision == "bfloat16" or (precision == "auto" and native_bfloat16())
        backend = "torch" if gpu or bfloat16 else "onnx"
    if backend == "onnx":
        if device == "cuda":
            raise ValueError('the onnx backend runs on the CPU; use backend = "torch" for device cuda')
        if precision == "bfloat16":
            raise ValueError(f'precision {precision!r} needs backend = "torch" (ONNX Runtime has float32 and int8 here)')
        return Inference("onnx", "float32" if precision == "auto" else precision, "cpu")
    if precision == "int8":
        raise ValueError('precision "int8" needs backend = "onnx" (ONNX Runtime\'s dynamic quantization)')
    device = resolve_device(device)
    if precision == "auto":
        precision = "bfloat16" if device == "cpu" and native_bfloat16() else "float32"
    return Inference("torch", precision, device)


def resolve_device(setting: str) -> str:
    """``cpu`` or ``cuda``: ``auto`` is CUDA when torch sees a GPU, else the CPU."""
    if setting == "cpu":
        return "cpu"
    if cuda_available():
        return "cuda"
    if setting == "cuda":
        raise ValueError("device cuda was asked for, but torch sees no CUDA GPU (torch.cuda.is_available() is False)")
    return "cpu"


@functools.cache
def cuda_available() -> bool:
    """Whether torch sees a CUDA GPU. A CPU build of torch (version ``+cpu``) cannot: torch is then not imported,
    which keeps a build whose every paper is cached quick."""
    import importlib.metadata

    try:
        if importlib.metadata.version("torch").endswith("+cpu"):
            return False
    except importlib.metadata.PackageNotFoundError:
        return False
    import torch

    return torch.cuda.is_available()


def set_threads(count: int | None) -> None:
    """Run both backends on ``count`` threads (None: their default, every core); a worker process takes one."""
    global _threads
    _threads = count
    if count:
        import torch

        torch.set_num_threads(count)


def padded_width(length: int) -> int:
    """The width a sequence of ``length`` pieces is padded to: a multiple of 8 up to 64, of ``WIDTH_STEP`` above.

    Short phrases stay cheap (padding "graph neural network" to 32 pieces made phrase embedding 2.8 × slower);
    long windows share batches often enough to keep them full.

    >>> [padded_width(n) for n in (3, 9, 64, 65, 300)]
    [8, 16, 64, 96, 320]
    """
    step = 8 if length <= 64 else WIDTH_STEP
    return -(-length // step) * step


def rows_per_batch(batch_size: int, width: int) -> int:
    """How many sequences of a padded ``width`` go to one batch: ``batch_size``, or as many more as fit in
    ``batch_size`` sequences of ``SHORT_WIDTH`` pieces.

    Each encoder call has a fixed cost, which short sequences barely add to: the 9,618 distinct candidate phrases of
    the seed abstracts (nearly all 8 pieces wide) took 22.3 CPU s in batches of 16 and 15.6 s in batches of 128,
    one torch bfloat16 thread. A short batch then holds no more pieces than a batch of full-length sequences, so
    the peak memory stays theirs; a sequence's output does not depend on its batch (above), so nothing else changes.

    >>> [rows_per_batch(16, width) for width in (8, 16, 64, 256)]
    [128, 64, 16, 16]
    """
    return max(batch_size, batch_size * SHORT_WIDTH // width)


def padded_batches(
    sequences: Sequence[Sequence[int]], batch_size: int, pad_id: int = 0, *, grow: bool = True
) -> Iterator[tuple[list[int], np.ndarray, np.ndarray]]:
    """``(indices, input_ids, attention_mask)`` batches of sequences of one padded width, ``rows_per_batch`` of them
    at most (``grow=False``: ``batch_size`` at most, whatever the width).

    >>> [(rows, ids.shape) for rows, ids, _ in padded_batches([[1] * 70, [2] * 5, [3] * 90, [4] * 7], 8)]
    [([1, 3], (2, 8)), ([0, 2], (2, 96))]
    >>> [ids.shape for _, ids, _ in padded_batches([[1] * 5] * 70 + [[2] * 100] * 3, 2)]
    [(16, 8), (16, 8), (16, 8), (16, 8), (6, 8), (2, 128), (1, 128)]
    """
    by_width: dict[int, list[int]] = {}
    for index in sorted(range(len(sequences)), key=lambda i: len(sequences[i])):
        width = padded_width(len(sequences[index]))
        by_width.setdefault(width, []).append(index)
    for width, indices in by_width.items():
        rows_at_most = rows_per_batch(batch_size, width) if grow else batch_size
        for start in range(0, len(indices), rows_at_most):
            rows = indices[start : start + rows_at_most]
            ids = np.full((len(rows), width), pad_id, dtype=np.int64)
            mask = np.zeros((len(rows), width), dtype=np.int64)
            for row, index in enumerate(rows):
                ids[row, : len(sequences[index])] = sequences[index]
                mask[row, : len(sequences[index])] = 1
            yield rows, ids, mask


class _Encoder:
    """Runs a network of ``(input_ids, attention_mask) → float arrays`` over sequences in fixed-width batches."""

    inference: Inference

    def run(self, input_ids: np.ndarray, attention_mask: np.ndarray) -> list[np.ndarray]:
        raise NotImplementedError

    def batches(
        self, sequences: Sequence[Sequence[int]], batch_size: int, pad_id: int
    ) -> Iterator[tuple[list[int], list[np.ndarray]]]:
        """``(indices, outputs)`` per batch, each output with one row per index (``padded_batches``)."""
        alone = self.inference.precision == "int8"  # one quantization scale per batch: a sequence alone gets its own
        for rows, ids, mask in padded_batches(sequences, 1 if alone else batch_size, pad_id, grow=not alone):
            yield rows, self.run(ids, mask)


class TorchEncoder(_Encoder):
    """A torch module of ``(input_ids, attention_mask)`` whose outputs come back as float32 numpy arrays."""

    def __init__(self, module, inference: Inference):
        self.module = module.to(inference.device).eval()
        self.inference = inference

    def run(self, input_ids: np.ndarray, attention_mask: np.ndarray) -> list[np.ndarray]:
        import torch

        device = self.inference.device
        ids, mask = (torch.from_numpy(a).to(device) for a in (input_ids, attention_mask))
        with torch.inference_mode(), self._autocast():
            found = self.module(ids, mask)
        return [t.float().cpu().numpy() for t in (found if isinstance(found, tuple) else (found,))]

    def _autocast(self):
        import torch

        if self.inference.precision == "bfloat16":
            return torch.autocast(self.inference.device, dtype=torch.bfloat16)
        return nullcontext()


class OnnxEncoder(_Encoder):
    """An ONNX Runtime session on the CPU over an exported file (``kg.extract.onnx_export``)."""

    def __init__(self, path: Path, inference: Inference, threads: int | None = None):
        import onnxruntime

        options = onnxruntime.SessionOptions()
        threads = threads or _threads
        if threads:
            options.intra_op_num_threads = threads
        options.log_severity_level = 3  # no warnings about nodes it places on the CPU
        # Idle threads sleep rather than spin: spinning took the CPU that spaCy, the other workers or other programs
        # needed (1,000 phrases on a busy 2-core machine: 6.3 s spinning, 3.3 s not).
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self.session = onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
        self.path = path
        self.inference = inference

    def run(self, input_ids: np.ndarray, attention_mask: np.ndarray) -> list[np.ndarray]:
        return self.session.run(None, {"input_ids": input_ids, "attention_mask": attention_mask})
