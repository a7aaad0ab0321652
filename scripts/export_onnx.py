"""Export kg's two encoders to ONNX ahead of time, from the shipped weights (no download).

    python3 scripts/export_onnx.py [--precision float32 int8] [--cache-dir DIR]

kg makes these files itself on the first run of the onnx backend (kg/extract/onnx_export.py); run this to pay
that once while building an image, or to fill a cache folder for machines that cannot write one. They go to
DIR/onnx (default: kg's cache folder, $KG_CACHE_DIR, else $XDG_CACHE_HOME/kg, else ~/.cache/kg), where kg
looks for them: point KG_CACHE_DIR at DIR on the machine that runs kg.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--precision", nargs="+", choices=["float32", "int8"], default=["float32", "int8"])
    parser.add_argument("--cache-dir", type=Path, help="kg's cache folder to fill (default: the one kg uses)")
    args = parser.parse_args()
    if args.cache_dir:
        os.environ["KG_CACHE_DIR"] = str(args.cache_dir)
    from kg.extract.inference import Inference
    from kg.extract.keyphrases import load_encoder
    from kg.extract.tagger import MODELS_DIR, load_tagger

    loaders = {
        "concept tagger": lambda inference: load_tagger(MODELS_DIR / "concepts", inference).encoder,
        "keyphrase encoder": load_encoder,
    }
    for precision in args.precision:
        for name, load in loaders.items():
            start = time.perf_counter()
            path = load(Inference("onnx", precision, "cpu")).path
            print(f"{name:<18} {precision:<8} {path} ({path.stat().st_size / 1e6:.0f} MB, {time.perf_counter() - start:.1f} s)")


if __name__ == "__main__":
    main()
