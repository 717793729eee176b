from pathlib import Path

import pytest

from sitrep import Coder

GOLD = Path(__file__).resolve().parents[2] / "shared" / "gold"


@pytest.fixture(scope="session")
def coder() -> Coder:
    """One loaded coder for the whole run: loading spaCy is the slow part."""
    return Coder()


@pytest.fixture
def gold() -> Path:
    if not GOLD.is_dir():
        pytest.skip("the shared gold data is not beside this checkout")
    return GOLD


def only(events, **fields):
    """The events whose fields (dotted for nested: source.code) equal the given values."""
    def get(event, dotted):
        value = event
        for part in dotted.split("."):
            value = getattr(value, part, None) if value is not None else None
        return value
    return [e for e in events if all(get(e, k.replace("__", ".")) == v for k, v in fields.items())]
