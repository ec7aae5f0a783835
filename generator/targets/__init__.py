"""targets: one module per artifact; each turns the IR into ``(path, text)`` pairs.

A target never reads the OpenAPI document, only :class:`generator.ir.Api`. Templates live in
``templates/<target>/``; static runtime files there are copied as they are.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..ir import Api

if TYPE_CHECKING:
    from ..render_cache import Planned, Units

Render = Callable[[Api], Iterable[tuple[str, str]]]
#: A target made (partly) of files that targets before it in the run rendered: given those
#: (path → bytes, as they will be written), it yields text to format, or bytes as they are.
Compose = Callable[[Api, Mapping[str, bytes]], Iterable[tuple[str, str | bytes]]]
#: Every file of the target as a :class:`generator.render_cache.Planned` (path, key, how to
#: make it), given the run's units and the earlier targets' files; what the pipeline uses.
Plan = Callable[[Api, "Units", Mapping[str, bytes]], Iterable["Planned"]]


@dataclass(frozen=True)
class Target:
    name: str
    roots: tuple[str, ...]  # what the target owns under the output folder
    render: Render
    description: str
    #: Used instead of ``render`` when the run has the earlier targets' files (the pipeline).
    compose: Compose | None = None
    #: Used instead of ``render`` and ``compose`` when given (the pipeline).
    plan: Plan | None = None


ALL_TARGET_NAMES = ("sdk", "cli", "docs", "skills", "llms")


def templates_dir() -> Path:
    """Installed wheels carry ``generator/_templates``; a checkout has ``templates/``."""
    package = Path(__file__).resolve().parent.parent
    for candidate in (package / "_templates", package.parent / "templates"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("dxgen templates not found next to the generator package")


@functools.cache
def runtime_files(folder: str) -> tuple[tuple[str, Path], ...]:
    """The Python files a package carries as they are (``sdk/runtime/_core``,
    ``cli/runtime``): each one's path under ``folder`` and where it is. Listed once a process
    (a long-lived run lists them again only when it is started again, as it reads its code)."""
    root = templates_dir() / folder
    return tuple((path.relative_to(root).as_posix(), path) for path in sorted(root.rglob("*.py")))


def static_text(path: Path) -> Callable[[], str]:
    """A file's text, read when it is asked for: the render cache answers most runs."""
    return functools.partial(Path.read_text, path, encoding="utf-8")


def available_targets() -> dict[str, Target]:
    """The targets implemented so far, in their canonical order."""
    found: dict[str, Target] = {}
    for name in ALL_TARGET_NAMES:
        try:
            module = __import__(f"{__name__}.{name}", fromlist=["TARGET"])
        except ModuleNotFoundError as exc:
            if exc.name == f"{__name__}.{name}":
                continue
            raise
        found[name] = module.TARGET
    return found
