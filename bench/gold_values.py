"""How many gold target values of the shared corpus the value grammar reads (not "unparsed").

Walks every gold JSON file and parses each `annual_value`, `period_value` and `target` string with
`parse_value` (level-1 and level-2 labels of the same row as context). Prints the count read, the
total, and with `--show` the values still unparsed.

    python bench/gold_values.py [CORPUS_DIR] [--show]

CORPUS_DIR defaults to the shared corpus beside the repository (`<repo>/../shared/corpus`).
"""

from __future__ import annotations

import inspect
import json
import sys
from collections.abc import Iterator
from pathlib import Path

from jixiao.domain.values import parse_value

FIELDS = ("annual_value", "period_value", "target")
DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


def values(node, level1: str | None = None, level2: str | None = None) -> Iterator[tuple[str, str | None, str | None]]:
    """(text, level1, level2) of every gold target value under `node`."""
    if isinstance(node, list):
        for item in node:
            yield from values(item, level1, level2)
    elif isinstance(node, dict):
        level1 = node.get("level1") if isinstance(node.get("level1"), str) else level1
        level2 = node.get("level2") if isinstance(node.get("level2"), str) else level2
        for key, item in node.items():
            if key in FIELDS and isinstance(item, str) and item.strip():
                yield item, level1, level2
            elif isinstance(item, dict | list):
                yield from values(item, level1, level2)


def main(argv: list[str]) -> int:
    show = "--show" in argv
    paths = [a for a in argv if not a.startswith("--")]
    corpus = Path(paths[0]) if paths else DEFAULT
    files = sorted((corpus / "gold").glob("*.json"))
    if not files:
        print(f"no gold files under {corpus}", file=sys.stderr)
        return 2
    takes_level2 = "level2" in inspect.signature(parse_value).parameters
    read = total = 0
    for path in files:
        for text, level1, level2 in values(json.loads(path.read_text(encoding="utf-8"))):
            extra = {"level2": level2} if takes_level2 else {}
            kind = parse_value(text, level1=level1, **extra).kind
            total += 1
            read += kind != "unparsed"
            if show and kind == "unparsed":
                print(f"{path.name}\t{level2 or ''}\t{text!r}")
    print(f"gold target values read: {read} / {total} ({read / total:.1%})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
