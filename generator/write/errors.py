"""What the machine, not the spec, can get wrong while writing: one line naming the path."""

from __future__ import annotations

from pathlib import Path


class OutputError(Exception):
    """The output cannot be written (not a folder, read-only, disk full, name too long…).

    The CLI prints :meth:`render` and exits 2; the previous output is left as it was.
    """

    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(self.render())

    @classmethod
    def from_os_error(cls, path: Path, exc: OSError, doing: str = "write") -> OutputError:
        return cls(path, f"cannot {doing}: {exc.strerror or exc}")

    def render(self) -> str:
        return f"{self.path}: error: {self.reason}"
