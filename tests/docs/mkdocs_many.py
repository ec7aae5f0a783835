"""Build several docs folders with mkdocs in one process, each as `mkdocs build --strict` does
(mkdocs' own `build` with the config's strict flag: a warning aborts the build), so that many
small sites do not each pay for starting Python and importing the theme.

    python -m tests.docs.mkdocs_many FOLDER...   →   one JSON line per folder: ok, output
"""

from __future__ import annotations

import io
import json
import logging
import os
import sys
from pathlib import Path


def build_one(folder: Path) -> tuple[bool, str]:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setLevel(logging.WARNING)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        config = load_config(str(folder / "mkdocs.yml"), strict=True)
        build(config)
        ok = True
    except (MkDocsException, SystemExit) as exc:
        stream.write(f"{type(exc).__name__}: {exc}\n")
        ok = False
    finally:
        logger.removeHandler(handler)
    return ok and not stream.getvalue(), stream.getvalue()


def main(folders: list[str]) -> None:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    for folder in folders:
        ok, output = build_one(Path(folder))
        print(json.dumps({"folder": folder, "ok": ok, "output": output[-3000:]}), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
