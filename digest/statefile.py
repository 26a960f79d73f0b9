"""The small JSON files digest keeps or is handed (manifests, package metadata, Argos
settings), read within a cap: anyone can edit or break them, so nothing in one may cost
more than its cap to read, and every way one can be broken is one ValueError."""
from __future__ import annotations

import json
import os
import stat
from pathlib import Path


def read_json(path: Path, limit: int) -> object:
    """A small JSON state file; OSError when it can't be opened (FileNotFoundError when
    it isn't there), ValueError (with a short reason) for anything that is not one: not a
    regular file, larger than `limit` bytes, not UTF-8, not JSON, nested too deeply."""
    with open(path, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise ValueError("not a regular file")
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise ValueError(f"larger than {limit} bytes")
    try:
        return json.loads(data.decode("utf-8"))
    except RecursionError:
        raise ValueError("nested too deeply") from None
    except ValueError as err:
        raise ValueError(f"not valid JSON: {err}") from None
