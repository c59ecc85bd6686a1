"""``arclaims registry OUTPUT_DIR``: (re)build registry.jsonl, one line per entity of a run."""
from __future__ import annotations

from pathlib import Path


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "registry",
        help="write OUTPUT_DIR/registry.jsonl: entities with aliases, mention and claim counts",
        description="Aggregate a finished run's entities.jsonl (and claims.jsonl) by entity_id. An existing "
        "registry.jsonl is merged: ids are kept, canonical labels stay, new aliases are added.",
    )
    p.add_argument("output_dir", type=Path, help="an arclaims run output folder")
    p.set_defaults(handler=run)


def run(args) -> int:
    from ..errors import UsageError
    from ..batch.entity_registry import build_registry
    from ..schema import OUTPUT_FILES

    if not (args.output_dir / OUTPUT_FILES["entity"]).is_file():
        raise UsageError(f"no {OUTPUT_FILES['entity']} in {args.output_dir}")
    path = build_registry(args.output_dir)
    with path.open(encoding="utf-8") as fh:
        n = sum(1 for line in fh if line.strip())
    print(f"{n} entities written to {path}")
    return 0
