"""Which files a ``$ref`` may read: those under the root spec's folder, and nothing else.

A spec is untrusted input (it may arrive in a pull request and be generated in CI), so
``$ref: /etc/passwd`` or ``../../.ssh/id_rsa`` must not be read at all. Paths are compared
after resolving symlinks, so a link inside the folder that points out of it is refused too.
``ref_root`` in dxgen.toml adds one more folder (e.g. a repository's shared schemas).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class RefRoots:
    folders: tuple[Path, ...]

    @classmethod
    def for_spec(cls, spec: Path, extra: Path | None = None) -> RefRoots:
        """The folder holding the root spec (its real path, symlinks resolved: the spec's
        relative refs are read from there) and ``extra``, if any."""
        folders = [spec.absolute().parent.resolve()]
        if extra is not None:
            folders.append(extra.resolve())
        return cls(tuple(folders))

    def confine(self, path: Path) -> Path | None:
        """``path`` resolved, if it lies under one of the folders; otherwise None."""
        real = path.resolve()
        if any(real.is_relative_to(folder) for folder in self.folders):
            return real
        return None

    def describe(self) -> str:
        return " or ".join(str(folder) for folder in self.folders)
