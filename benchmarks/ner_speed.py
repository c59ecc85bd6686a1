"""Speed of the NER stage alone: words/s of ``NerModel.pipe`` on the first 1,000 ANT articles.

    python benchmarks/ner_speed.py [--articles 1000] [--model models/ner-ar] [--threads 1]

Normalisation and segmentation run before the clock starts; the timed part builds the spaCy
docs from pipeline tokens and runs the model. Words are whitespace words of the article text
(the corpus's own count); tokens (clitics split off) are reported too.
"""
from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path


def main() -> None:
    from pipeline.training.ner import ANT_CORPUS

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=ANT_CORPUS)
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--model", type=Path)
    ap.add_argument("--threads", type=int, default=1, help="BLAS threads (default: %(default)s)")
    ap.add_argument("--batch-size", type=int, default=64)
    args = ap.parse_args()
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[var] = str(args.threads)

    from pipeline.stages.ner import NerModel, default_vocabulary
    from pipeline.stages.normalize import normalize
    from pipeline.stages.segment import tokenize

    texts = []
    with open(args.corpus, encoding="utf-8") as f:
        for line in f:
            texts.append(json.loads(line)["text"])
            if len(texts) >= args.articles:
                break
    vocab = default_vocabulary()
    token_lists = [tokenize(normalize(t), vocab) for t in texts]
    words = sum(len(t.split()) for t in texts)
    tokens = sum(len(t) for t in token_lists)

    t0 = time.perf_counter()
    model = NerModel.load(args.model)
    load_s = time.perf_counter() - t0
    model.predict(token_lists[0])  # warm up
    t0 = time.perf_counter()
    n_ents = sum(len(spans) for spans in model.pipe(token_lists, batch_size=args.batch_size))
    secs = time.perf_counter() - t0
    print(f"articles {len(texts)}  words {words}  tokens {tokens}  entities {n_ents}")
    print(f"model load {load_s:.2f}s  NER {secs:.2f}s  ->  {words / secs:,.0f} words/s  {tokens / secs:,.0f} tokens/s  "
          f"({len(texts) / secs:.1f} articles/s, {args.threads} thread(s))")


if __name__ == "__main__":
    main()
