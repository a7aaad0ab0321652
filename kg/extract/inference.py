"""How kg's two torch encoders, the concept tagger and the keyphrase encoder, run on a CPU.

* Precision: bfloat16 autocast where the CPU computes bfloat16 natively (AVX512-BF16
  or AMX), float32 elsewhere, where emulated bfloat16 would be slower than float32.
  On this project's 2-core machines bfloat16 made the tagger 1.6 × faster with
  the same dev F1 (SciERC 0.634, SciER 0.744).
* Batches: a sequence is padded to a width fixed by its own length
  (``padded_width``) and batched only with sequences of that width. Under bfloat16 a sequence's
  output otherwise depends on the batch it shares (the padded width changes the
  kernels' summation order, and bfloat16 rounding makes that visible: up to 0.026
  in a tagger probability). With fixed widths a paper gets the same result alone,
  in a batch, in another worker or with another thread count, so the cache, the
  ``--workers`` and the Dask builds agree with the plain one.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import torch

__all__ = ["PRECISIONS", "WIDTH_STEP", "autocast", "native_bfloat16", "padded_batches", "padded_width", "resolve_precision"]

#: The settings a component's ``precision`` accepts; ``auto`` picks bfloat16 where the CPU has it natively.
PRECISIONS = ("auto", "bfloat16", "float32")
#: Padded widths above 64 pieces are multiples of this many.
WIDTH_STEP = 32
_BFLOAT16_FLAGS = {"avx512_bf16", "amx_bf16"}


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


def resolve_precision(setting: str) -> str:
    """``bfloat16`` or ``float32``: what a ``precision`` setting means on this machine.

    >>> resolve_precision("float32")
    'float32'
    >>> resolve_precision("auto") in ("bfloat16", "float32")
    True
    """
    if setting not in PRECISIONS:
        raise ValueError(f"precision must be one of {', '.join(PRECISIONS)}, not {setting!r}")
    if setting == "auto":
        return "bfloat16" if native_bfloat16() else "float32"
    return setting


@contextmanager
def autocast(precision: str):
    """Run the torch code inside under ``precision`` (``auto`` is resolved first)."""
    import torch

    if resolve_precision(precision) == "bfloat16":
        with torch.autocast("cpu", dtype=torch.bfloat16):
            yield
    else:
        yield


def padded_width(length: int) -> int:
    """The width a sequence of ``length`` pieces is padded to: a multiple of 8 up to 64, of ``WIDTH_STEP`` above.

    Short phrases stay cheap (padding "graph neural network" to 32 pieces made phrase embedding 2.8 × slower);
    long windows share batches often enough to keep them full.

    >>> [padded_width(n) for n in (3, 9, 64, 65, 300)]
    [8, 16, 64, 96, 320]
    """
    step = 8 if length <= 64 else WIDTH_STEP
    return -(-length // step) * step


def padded_batches(
    sequences: Sequence[Sequence[int]], batch_size: int, pad_id: int = 0
) -> Iterator[tuple[list[int], torch.Tensor, torch.Tensor]]:
    """``(indices, input_ids, attention_mask)`` batches of at most ``batch_size`` sequences of one padded width.

    >>> [(rows, tuple(ids.shape)) for rows, ids, _ in padded_batches([[1] * 70, [2] * 5, [3] * 90, [4] * 7], 8)]
    [([1, 3], (2, 8)), ([0, 2], (2, 96))]
    """
    import torch

    by_width: dict[int, list[int]] = {}
    for index in sorted(range(len(sequences)), key=lambda i: len(sequences[i])):
        width = padded_width(len(sequences[index]))
        by_width.setdefault(width, []).append(index)
    for width, indices in by_width.items():
        for start in range(0, len(indices), batch_size):
            rows = indices[start : start + batch_size]
            ids = torch.full((len(rows), width), pad_id, dtype=torch.long)
            mask = torch.zeros((len(rows), width), dtype=torch.long)
            for row, index in enumerate(rows):
                ids[row, : len(sequences[index])] = torch.tensor(sequences[index], dtype=torch.long)
                mask[row, : len(sequences[index])] = 1
            yield rows, ids, mask
