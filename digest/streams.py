"""Standard streams that fail: a full disk or a closed pipe behind stdout."""
from __future__ import annotations

import os
import sys
from typing import IO, Any


def discard_pending(stream: IO[Any] | None = None) -> None:
    """Point the stream's file descriptor at /dev/null, so that what a failed write left
    buffered is dropped and exiting doesn't try (and fail, with a traceback) again."""
    stream = stream if stream is not None else sys.stdout
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass
