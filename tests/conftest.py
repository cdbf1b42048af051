import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "src/jixiao/data/examples/dongguan-2025-federation-of-trade-unions.txt"
GOLD = ROOT / "tests/gold/dongguan-2025-federation-of-trade-unions.json"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def example_path() -> Path:
    return EXAMPLE


@pytest.fixture(scope="session")
def gold() -> dict:
    return json.loads(GOLD.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def example():
    from jixiao.ingest import read_table

    return read_table(EXAMPLE)
