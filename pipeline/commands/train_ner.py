"""``arclaims train-ner``: train the project's Arabic NER and install it under models/."""
from __future__ import annotations

import os
from pathlib import Path


def register(subparsers) -> None:
    from ..paths import models_dir
    from ..training.ner import ANT_CORPUS, CONFIG, NER_DATA

    p = subparsers.add_parser(
        "train-ner",
        help="train the Arabic NER model (CPU, one thread: about an hour)",
        description="Train word vectors and pretrain tok2vec on the ANT news corpus, then spaCy NER on ANERcorp "
        "(CAMeL train less its last 10%%, the dev set) and AQMAR (Topcoder train and dev), and copy the best model "
        "to --output. "
        "Test splits and NewsFANE are never read.",
    )
    p.add_argument("--data-dir", type=Path, default=NER_DATA, help="NER corpora folder (default: %(default)s)")
    p.add_argument("--corpus", type=Path, default=ANT_CORPUS, help="JSON Lines news corpus for the vectors (ANT only: licence)")
    p.add_argument("--output", type=Path, default=models_dir() / "ner-ar", help="where the model goes (default: %(default)s)")
    p.add_argument("--config", type=Path, default=CONFIG, help="spaCy training config (default: %(default)s)")
    p.add_argument("--workdir", type=Path, default=Path("/tmp/arclaims-train-ner"), help="intermediate files (default: %(default)s)")
    p.add_argument("--vectors", type=Path, help="an existing spaCy vectors directory (skips vector training)")
    p.add_argument("--no-vectors", action="store_true", help="train without static vectors")
    p.add_argument("--pretrain-docs", type=int, default=60_000,
                   help="spacy pretrain on this many corpus sentences before training, 0 to skip (default: %(default)s)")
    p.add_argument("--init-tok2vec", type=Path, help="existing pretrained tok2vec weights (skips pretraining)")
    p.add_argument("--wikifane", type=float, default=0.0,
                   help="share of WikiFANE sentences to add (coarse types), 0 for none; it did not help on dev (default: %(default)s)")
    p.add_argument("--no-aqmar-dev", dest="aqmar_dev", action="store_false",
                   help="keep AQMAR's dev split out of training (it is then a dev set; ANERcorp's is always carved from train)")
    p.add_argument("--wojood", action="store_true", help="also train on the Wojood sample (PERS/ORG/GPE/LOC)")
    p.add_argument("--threads", type=int, default=1, help="CPU threads (default: %(default)s)")
    p.add_argument("--max-steps", type=int, help="override training.max_steps")
    p.add_argument("--seed", type=int, default=0)
    p.set_defaults(handler=run)


def run(args) -> int:
    from ..errors import UsageError

    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[var] = str(args.threads)
    from ..training.ner import (
        VectorSettings,
        default_sources,
        pretrain_tok2vec,
        train,
        train_vectors,
        write_pretrain_corpus,
        write_token_corpus,
    )

    sources = default_sources(args.data_dir, wikifane=args.wikifane, wojood=args.wojood, aqmar_dev=args.aqmar_dev)
    missing = [str(s.path) for s in sources if not s.path.is_file()]
    if missing:
        raise UsageError(f"missing corpus file(s): {', '.join(missing)}")
    if not args.config.is_file():
        raise UsageError(f"no such config: {args.config}")
    if "saudinewsnet" in str(args.corpus).lower():
        raise UsageError("SaudiNewsNet is non-commercial: it may not feed a shipped model")
    args.workdir.mkdir(parents=True, exist_ok=True)
    tokens = args.workdir / "corpus_tokens.txt"
    if (args.vectors is None and not args.no_vectors) or (args.init_tok2vec is None and args.pretrain_docs > 0):
        if not args.corpus.is_file():
            raise UsageError(f"no such corpus: {args.corpus} (or pass --no-vectors --pretrain-docs 0)")
        # The vectors read all training text, WikiFANE included (unlabelled use), besides ANT.
        text_sources = default_sources(args.data_dir, wikifane=1.0, aqmar_dev=args.aqmar_dev)
        n = write_token_corpus(args.corpus, tokens, text_sources, seed=args.seed)
        print(f"segmented {n} articles and training sentences")
    vectors = None if args.no_vectors else args.vectors
    if vectors is None and not args.no_vectors:
        vectors = train_vectors(tokens, args.workdir / "vectors", VectorSettings(threads=args.threads))
    init_tok2vec = args.init_tok2vec
    if init_tok2vec is None and args.pretrain_docs > 0:
        raw = args.workdir / "pretrain.jsonl"
        write_pretrain_corpus(tokens, raw, args.pretrain_docs)
        init_tok2vec = pretrain_tok2vec(args.config, args.workdir, raw, vectors)
    overrides = {"system.seed": args.seed, "paths.init_tok2vec": str(init_tok2vec) if init_tok2vec else None}
    if args.max_steps:
        overrides["training.max_steps"] = args.max_steps
    train(args.config, args.workdir, args.output, sources, vectors, overrides, seed=args.seed)
    print(f"model written to {args.output}")
    return 0
