"""A time limit per document, so one pathological text cannot hold up a whole run.

The limit is a SIGALRM timer: it interrupts Python code, and the parser as soon as it
hands control back, which it does between documents and pipeline components. It works
in the main thread of a process (a CLI run or a worker process); elsewhere, where
signals cannot be delivered, documents run without a limit.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

# The longest document allowed by default (500,000 characters) parses in about 25 s on a
# 2-core laptop; the limit leaves five times that before a document is given up.
DEFAULT_TIMEOUT = 120.0


class TimeLimitExceeded(Exception):
    """Raised inside the work that ran past its time limit."""


def _expired(signum, frame) -> None:
    raise TimeLimitExceeded


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise TimeLimitExceeded in the block if it runs longer than ``seconds`` (None: no limit)."""
    usable = (seconds and seconds > 0 and hasattr(signal, "setitimer")
              and threading.current_thread() is threading.main_thread())
    if not usable:
        yield
        return
    previous = signal.signal(signal.SIGALRM, _expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
