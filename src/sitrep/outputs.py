"""Output files that cannot destroy input: checked before the run, written whole or not at all."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import SitrepError


def check_output(path: str | Path, option: str, inputs: Iterable[str | Path] = ()) -> None:
    """Refuse an output that is a folder, lies in a missing folder, or would overwrite an input
    (or land inside an input folder, where the run would read it back as a document)."""
    target = Path(path)
    if target.is_dir():
        raise SitrepError("E306", option=option, path=path)
    if not target.parent.is_dir():
        raise SitrepError("E305", option=option, path=path, folder=target.parent)
    real = os.path.realpath(target)
    for item in inputs:
        if str(item) == "-":
            continue
        source = os.path.realpath(item)
        if real == source or (os.path.isdir(source) and real.startswith(source.rstrip(os.sep) + os.sep)):
            raise SitrepError("E303", option=option, path=path)


@contextmanager
def written_whole(path: str | Path) -> Iterator[Path]:
    """A temporary path beside ``path``, renamed onto it when the block succeeds and removed when
    it fails, so an interrupted write never leaves half a file or truncates the old one."""
    target = Path(path)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    os.close(handle)
    try:
        yield Path(temporary)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
