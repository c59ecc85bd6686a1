"""Train the project's Arabic NER (``arclaims train-ner``).

Steps: read the CoNLL corpora and map their types to PERS/ORG/LOC/MISC; segment every word
with the pipeline's segmenter (proclitics ``O``, the stem keeps the label); carve a dev set
from training data only (the end of ANERcorp train, and AQMAR's own dev split); train floret
vectors on the ANT news corpus (never SaudiNewsNet: non-commercial); run ``spacy train`` with
``pipeline/data/ner.cfg``; copy the best model without training leftovers.

NewsFANE is ANERcorp's text and is never read; test splits are never read here.
"""
from __future__ import annotations

import json
import os
import random
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from ..stages.ner import LABEL_MAP, import_spacy, segment_words, word_tags_to_token_tags
from ..evaluation.ner import Sentence, chunks, read_conll, score
from ..stages.ner import spans_to_tags
from ..paths import PACKAGE_DIR, REPO_DIR

SHARED = Path(os.environ.get("ARCLAIMS_SHARED") or REPO_DIR.parent / "shared")
NER_DATA = SHARED / "data" / "ner"
ANT_CORPUS = SHARED / "data" / "corpus" / "ant_multisource" / "articles.jsonl"
CONFIG = PACKAGE_DIR / "data" / "ner.cfg"

# WikiFANE's fine ACE-style subtypes -> coarse labels. GPE and natural locations are LOC, as in
# ANERcorp; PER "Group" (peoples, tribes) is O, as ANERcorp tags nationalities; facilities,
# vehicles and weapons have no ANERcorp counterpart and are O; products and works are MISC.
WIKIFANE_TYPES = {
    **dict.fromkeys(
        "Politician Athlete Businessperson Artist Scientist Police Religious_PER Engineer Lawyer Other_PER".split(), "PERS"
    ),
    **dict.fromkeys(
        "Government Commercial Non-Governmental Media Sports Educational Religious_ORG Medical-Science Entertainment".split(),
        "ORG",
    ),
    **dict.fromkeys(
        "Nation Population-Center State-or-Province County-or-District GPE-Cluster Continent "
        "Water-Body Land-Region-Natural Celestial".split(),
        "LOC",
    ),
    **dict.fromkeys("Book Movie Software Hardware Food Drug Sound".split(), "MISC"),
}
WOJOOD_TYPES = {"PERS": "PERS", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC"}


@dataclass
class Source:
    """One training corpus: a CoNLL file, how to map its types, and how much of it to use."""

    name: str
    path: Path
    types: dict[str, str]
    column: int = -1
    fraction: float = 1.0  # a share of the sentences (WikiFANE is 4x ANERcorp and from Wikipedia)
    dev_fraction: float = 0.0  # the last share of the file is held out as dev
    drop_words: frozenset[str] = frozenset()


def default_sources(data_dir: Path = NER_DATA, wikifane: float = 1.0, wojood: bool = False, aqmar_dev: bool = False) -> list[Source]:
    """Training sources: ANERcorp train (its last 10% is dev), AQMAR Topcoder train, WikiFANE."""
    sources = [
        Source("anercorp", data_dir / "anercorp-camel" / "ANERCorp_CamelLab_train.txt", LABEL_MAP, dev_fraction=0.1),
        Source("aqmar", data_dir / "aqmar" / "topcoder_split" / "train.txt", LABEL_MAP),
    ]
    if aqmar_dev:
        sources.append(Source("aqmar-dev", data_dir / "aqmar" / "topcoder_split" / "dev.txt", LABEL_MAP))
    if wikifane > 0:
        sources.append(Source("wikifane", data_dir / "fane-gold" / "WikiFANE_Gold_2014_500K.txt", WIKIFANE_TYPES, fraction=wikifane))
    if wojood:
        sources.append(Source("wojood", data_dir / "wojood-sample" / "train.txt", WOJOOD_TYPES, column=1, drop_words=frozenset({"$#$"})))
    return sources


def dev_sources(data_dir: Path = NER_DATA) -> list[Source]:
    """Dev sets for model selection: AQMAR's dev split (ANERcorp's dev is carved in ``split``)."""
    return [Source("aqmar-dev", data_dir / "aqmar" / "topcoder_split" / "dev.txt", LABEL_MAP)]


def map_types(sent: Sentence, types: dict[str, str], drop_words: frozenset[str] = frozenset()) -> Sentence:
    """Keep the types in ``types`` (renamed); everything else becomes ``O``. Chunks are rebuilt,
    so a dropped type never leaves a dangling ``I-``."""
    words = [w for w, _ in sent if w not in drop_words]
    tags = [t for w, t in sent if w not in drop_words]
    spans = []
    for start, end, kind in chunks(tags):
        kind = _clean_type(kind)
        if kind in types:
            spans.append((start, end, types[kind]))
    return list(zip(words, spans_to_tags(len(words), spans)))


def _clean_type(kind: str) -> str:
    """AQMAR's release has typos such as MIS1, MIS-2, MISS1: every MIS* is MIS."""
    k = kind.strip("`-").upper() if kind.upper().startswith("MIS") else kind
    return "MIS" if k.startswith("MIS") else kind


def split(source: Source, seed: int = 0) -> tuple[list[Sentence], list[Sentence]]:
    """(train, dev) sentences of one source."""
    sents = [map_types(s, source.types, source.drop_words) for s in read_conll(source.path, source.column)]
    n_dev = int(len(sents) * source.dev_fraction)
    train, dev = sents[: len(sents) - n_dev], sents[len(sents) - n_dev :]
    if source.fraction < 1.0:
        rng = random.Random(seed)
        train = rng.sample(train, int(len(train) * source.fraction))
    return train, dev


def to_doc(nlp, sent: Sentence):
    """A spaCy Doc over pipeline tokens, with the sentence's entities moved onto them."""
    from spacy.tokens import Doc
    from spacy.training import iob_to_biluo

    words = [w for w, _ in sent]
    tags = [t for _, t in sent]
    texts, word_of, clitic = segment_words(words)
    token_tags = word_tags_to_token_tags(tags, word_of, clitic)
    spans = chunks(token_tags)
    doc = Doc(nlp.vocab, words=texts)
    doc.ents = [doc.char_span(doc[s].idx, doc[e - 1].idx + len(doc[e - 1]), label=k) for s, e, k in spans]
    return doc


def write_docbin(nlp, sents: Iterable[Sentence], path: Path) -> int:
    from spacy.tokens import DocBin

    db = DocBin(store_user_data=False)
    n = 0
    for sent in sents:
        db.add(to_doc(nlp, sent))
        n += 1
    path.parent.mkdir(parents=True, exist_ok=True)
    db.to_disk(path)
    return n


def prepare(workdir: Path, sources: list[Source], seed: int = 0, log=print) -> dict[str, Path]:
    """Write train.spacy, dev.spacy (all dev sets) and one dev file per source into ``workdir``."""
    spacy = import_spacy()
    nlp = spacy.blank("ar")
    train: list[Sentence] = []
    devs: dict[str, list[Sentence]] = {}
    for src in sources:
        tr, dv = split(src, seed)
        log(f"{src.name}: {len(tr)} train sentences, {len(dv)} dev")
        train += tr
        if dv:
            devs[src.name] = dv
    for src in dev_sources(sources[0].path.parent.parent):
        if src.name not in {s.name for s in sources}:
            devs[src.name] = split(src, seed)[0]
    random.Random(seed).shuffle(train)
    out = {"train": workdir / "train.spacy", "dev": workdir / "dev.spacy"}
    write_docbin(nlp, train, out["train"])
    write_docbin(nlp, [s for d in devs.values() for s in d], out["dev"])
    for name, sents in devs.items():
        out[f"dev-{name}"] = workdir / f"dev-{name}.conll"
        with open(out[f"dev-{name}"], "w", encoding="utf-8") as f:
            for sent in sents:
                f.writelines(f"{w} {t}\n" for w, t in sent)
                f.write("\n")
    return out


# ---- vectors -------------------------------------------------------------------------------

def write_token_corpus(jsonl: Path, out: Path, sources: list[Source] = (), max_articles: int | None = None, seed: int = 0) -> int:
    """Pipeline tokens (``Token.norm``) for unsupervised training: one article a line, then the
    training sentences of ``sources`` (their train part only: no dev or test text)."""
    from ..stages.ner import default_vocabulary
    from ..stages.normalize import normalize
    from ..stages.segment import tokenize

    vocab = default_vocabulary()
    n = 0
    with open(jsonl, encoding="utf-8") as f, open(out, "w", encoding="utf-8") as w:
        for line in f:
            if max_articles is not None and n >= max_articles:
                break
            text = json.loads(line).get("text") or ""
            w.write(" ".join(t.norm for t in tokenize(normalize(text), vocab)) + "\n")
            n += 1
        for src in sources:
            for sent in split(src, seed)[0]:
                w.write(" ".join(segment_words([word for word, _ in sent])[0]) + "\n")
                n += 1
    return n


@dataclass
class VectorSettings:
    """fastText settings. Skip-gram on whole words: on a few million words, subword n-grams
    (floret/cbow) make neighbours look alike in spelling rather than in use, and NER gained
    nothing from them."""

    model: str = "skipgram"
    dim: int = 100
    window: int = 5
    epoch: int = 8
    min_count: int = 3
    minn: int = 0
    maxn: int = 0
    threads: int = 1


def train_vectors(corpus: Path, workdir: Path, settings: VectorSettings, log=print) -> Path:
    """Word vectors on ``corpus`` -> a spaCy vectors directory (``workdir/vectors``)."""
    import floret

    workdir.mkdir(parents=True, exist_ok=True)
    t0 = time.time()
    model = floret.train_unsupervised(
        str(corpus),
        model=settings.model,
        dim=settings.dim,
        ws=settings.window,
        epoch=settings.epoch,
        minCount=settings.min_count,
        minn=settings.minn,
        maxn=settings.maxn,
        thread=settings.threads,
        verbose=0,
    )
    log(f"word vectors trained in {time.time() - t0:.0f}s")
    return export_vectors(model, workdir)


def export_vectors(model, workdir: Path) -> Path:
    """A plain word table of the corpus vocabulary (words seen ``min_count`` times). A hashed
    subword table (spaCy's floret mode) would cost a quarter of the NER speed; unseen words
    still have the model's hashed affix features."""
    import numpy

    spacy = import_spacy()
    from spacy.vectors import Vectors

    words = [w for w in model.words if w != "</s>"]
    table = numpy.asarray([model.get_word_vector(w) for w in words], dtype="float32")
    nlp = spacy.blank("ar")
    keys = [nlp.vocab.strings.add(w) for w in words]
    nlp.vocab.vectors = Vectors(strings=nlp.vocab.strings, data=table, keys=keys, name="arclaims_ant")
    out = workdir / "vectors"
    out.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(out)
    return out


def write_pretrain_corpus(tokens: Path, out: Path, max_docs: int = 0, max_len: int = 120) -> int:
    """Sentence-sized JSON Lines docs (``{"text": tokens joined by spaces}``) for ``spacy
    pretrain``: the corpus reader skips docs over 500 tokens, and whole articles often are.
    ``max_docs`` (0: all) cuts the file, since the pretraining reader ignores its ``limit``."""
    n = 0
    with open(tokens, encoding="utf-8") as f, open(out, "w", encoding="utf-8") as w:
        for line in f:
            if max_docs and n >= max_docs:
                break
            cur: list[str] = []
            for tok in line.split() + ["."]:
                cur.append(tok)
                if (tok in {".", "؟", "!"} and len(cur) >= 5) or len(cur) >= max_len:
                    w.write(json.dumps({"text": " ".join(cur)}, ensure_ascii=False) + "\n")
                    n += 1
                    cur = []
    return n


def pretrain_tok2vec(config: Path, workdir: Path, raw_text: Path, vectors: Path | None, max_docs: int = 0, log=print) -> Path:
    """One pass of ``spacy pretrain`` (characters objective) over ``raw_text``; returns the
    tok2vec weights for ``initialize.init_tok2vec``."""
    spacy = import_spacy()
    from spacy.training.pretrain import pretrain

    overrides = {"paths.raw_text": str(raw_text), "paths.vectors": str(vectors) if vectors else None, "corpora.pretrain.limit": max_docs}
    if not vectors:
        overrides["components.tok2vec.model.embed.include_static_vectors"] = False
    cfg = spacy.util.load_config(config, overrides=overrides, interpolate=True)
    out = workdir / "pretrain"
    out.mkdir(parents=True, exist_ok=True)
    t0 = time.time()
    pretrain(cfg, out, silent=False)
    log(f"tok2vec pretrained in {(time.time() - t0) / 60:.1f} min")
    return out / "model0.bin"


# ---- training ------------------------------------------------------------------------------

def train(
    config: Path,
    workdir: Path,
    output: Path | None,
    sources: list[Source],
    vectors: Path | None,
    overrides: dict | None = None,
    seed: int = 0,
    log=print,
) -> Path:
    """Prepare data, train, evaluate on each dev set, copy the best model to ``output``."""
    spacy = import_spacy()
    from spacy.cli.train import train as spacy_train

    data = prepare(workdir, sources, seed, log)
    ov = {"paths.train": str(data["train"]), "paths.dev": str(data["dev"]), "paths.vectors": str(vectors) if vectors else None}
    if not vectors:
        ov["components.tok2vec.model.embed.include_static_vectors"] = False
    ov.update(overrides or {})
    run_dir = workdir / "run"
    t0 = time.time()
    spacy_train(config, run_dir, overrides=ov)
    log(f"trained in {(time.time() - t0) / 60:.1f} min")
    best = run_dir / "model-best"
    from ..stages.ner import NerModel

    model = NerModel(spacy.load(best))
    confidence, report = {}, {}
    for key, path in data.items():
        if key.startswith("dev-"):
            s, _ = evaluate(model, path)
            report[key] = {"micro": s.prf(), **{k: s.prf(k) for k in s.types()}}
            log(f"{key}\n{s.report()}")
            if key == "dev-anercorp":
                confidence = {k: round(s.prf(k)[0] / 100, 3) for k in s.types()}
    if output is not None:
        install(best, output, confidence, report)
    return best


def install(best: Path, output: Path, confidence: dict, dev_scores: dict) -> None:
    """Copy the trained pipeline to ``output`` with the dev precision per type as confidence."""
    if output.exists():
        keep = output / "README.md"
        card = keep.read_text(encoding="utf-8") if keep.exists() else None
        shutil.rmtree(output)
    else:
        card = None
    shutil.copytree(best, output)
    _forget_paths(output / "config.cfg")
    meta_path = output / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["name"] = "ner_ar"
    meta["arclaims"] = {"confidence": confidence, "dev": dev_scores}
    meta_path.write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")
    if card is not None:
        (output / "README.md").write_text(card, encoding="utf-8")


def _forget_paths(config: Path) -> None:
    """Null the [paths] of a shipped config: they name this machine's training files."""
    lines, in_paths = [], False
    for line in config.read_text(encoding="utf-8").splitlines():
        if line.startswith("["):
            in_paths = line.strip() == "[paths]"
        elif in_paths and " = " in line:
            line = line.split(" = ", 1)[0] + " = null"
        lines.append(line)
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")


def predict_conll(model, sentences: list[Sentence]) -> Iterator[tuple[list[str], list[str], list[str]]]:
    """(words, gold tags, predicted word tags) per sentence, predicting on pipeline tokens."""
    from ..stages.ner import token_spans_to_word_tags

    segmented = [segment_words([w for w, _ in s]) for s in sentences]
    preds = model.pipe((texts for texts, _, _ in segmented), batch_size=256)
    for sent, (texts, word_of, _), spans in zip(sentences, segmented, preds):
        words = [w for w, _ in sent]
        gold = [t for _, t in sent]
        pred = token_spans_to_word_tags(len(words), [(s, e, LABEL_MAP.get(k, k)) for s, e, k, _ in spans], word_of)
        yield words, gold, pred


def canonical_tags(tags: list[str]) -> list[str]:
    """Corpus tags with types renamed to the model's (PER -> PERS, MIS* -> MISC); others kept."""
    out = []
    for t in tags:
        if len(t) > 2 and t[1] == "-":
            kind = _clean_type(t[2:])
            out.append(f"{t[:2]}{LABEL_MAP.get(kind, kind)}")
        else:
            out.append("O")
    return out


def evaluate(model, path: Path, predictions: Path | None = None):
    """Score ``model`` on a CoNLL file: the scores and the (word, gold, predicted) rows of each
    sentence, also written to ``predictions`` when given."""
    from ..evaluation.ner import Scores, write_predictions

    sentences = list(read_conll(path))
    scores = Scores()
    rows = []
    for words, gold, pred in predict_conll(model, sentences):
        gold = canonical_tags(gold)
        scores.add(gold, pred)
        rows.append(list(zip(words, gold, pred)))
    if predictions is not None:
        write_predictions(predictions, rows)
    return scores, rows
