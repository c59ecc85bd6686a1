"""``arclaims train-ner``: train the project's Arabic NER and install it under models/."""
from __future__ import annotations

import os
from pathlib import Path


def register(subparsers) -> None:
    from ..paths import models_dir
    from ..training.ner import ANT_CORPUS, CONFIG, NER_DATA

    p = subparsers.add_parser(
        "train-ner",
        help="train the Arabic NER model (CPU, about 30 minutes)",
        description="Train floret vectors on the ANT news corpus, then spaCy NER on ANERcorp (CAMeL train), "
        "AQMAR (Topcoder train) and WikiFANE (coarse types), and copy the best model to --output. "
        "Test splits and NewsFANE are never read.",
    )
    p.add_argument("--data-dir", type=Path, default=NER_DATA, help="NER corpora folder (default: %(default)s)")
    p.add_argument("--corpus", type=Path, default=ANT_CORPUS, help="JSON Lines news corpus for the vectors (ANT only: licence)")
    p.add_argument("--output", type=Path, default=models_dir() / "ner-ar", help="where the model goes (default: %(default)s)")
    p.add_argument("--config", type=Path, default=CONFIG, help="spaCy training config (default: %(default)s)")
    p.add_argument("--workdir", type=Path, default=Path("/tmp/arclaims-train-ner"), help="intermediate files (default: %(default)s)")
    p.add_argument("--vectors", type=Path, help="an existing spaCy vectors directory (skips vector training)")
    p.add_argument("--no-vectors", action="store_true", help="train without static vectors")
    p.add_argument("--wikifane", type=float, default=1.0, help="share of WikiFANE sentences to use, 0 for none (default: %(default)s)")
    p.add_argument("--wojood", action="store_true", help="also train on the Wojood sample (PERS/ORG/GPE/LOC)")
    p.add_argument("--threads", type=int, default=1, help="CPU threads (default: %(default)s)")
    p.add_argument("--max-steps", type=int, help="override training.max_steps")
    p.add_argument("--seed", type=int, default=0)
    p.set_defaults(handler=run)


def run(args) -> int:
    from ..cli import UsageError

    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[var] = str(args.threads)
    from ..training.ner import VectorSettings, default_sources, train, train_vectors, write_token_corpus

    sources = default_sources(args.data_dir, wikifane=args.wikifane, wojood=args.wojood)
    missing = [str(s.path) for s in sources if not s.path.is_file()]
    if missing:
        raise UsageError(f"missing corpus file(s): {', '.join(missing)}")
    if not args.config.is_file():
        raise UsageError(f"no such config: {args.config}")
    if "saudinewsnet" in str(args.corpus).lower():
        raise UsageError("SaudiNewsNet is non-commercial: it may not feed a shipped model")
    args.workdir.mkdir(parents=True, exist_ok=True)
    vectors = args.vectors
    if vectors is None and not args.no_vectors:
        if not args.corpus.is_file():
            raise UsageError(f"no such corpus: {args.corpus} (or pass --no-vectors)")
        tokens = args.workdir / "corpus_tokens.txt"
        n = write_token_corpus(args.corpus, tokens)
        print(f"segmented {n} articles for the vectors")
        vectors = train_vectors(tokens, args.workdir / "vectors", VectorSettings(threads=args.threads))
    overrides = {"system.seed": args.seed}
    if args.max_steps:
        overrides["training.max_steps"] = args.max_steps
    train(args.config, args.workdir, args.output, sources, None if args.no_vectors else vectors, overrides, seed=args.seed)
    print(f"model written to {args.output}")
    return 0
