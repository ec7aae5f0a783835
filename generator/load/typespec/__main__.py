"""``python -m generator.load.typespec``: install the pinned TypeSpec compiler now (``make
setup`` does, into ``$DXGEN_TYPESPEC_DIR``) rather than on the first compile."""

from __future__ import annotations

import sys

from .compile import announce
from .install import InstallFailed, ensure_installed
from .node import NodeMissing, find_node


def main() -> int:
    try:
        modules = ensure_installed(find_node(), announce)
    except (NodeMissing, InstallFailed) as exc:
        sys.stderr.write(f"dxgen: error: {exc}\n")
        return 2
    print(f"dxgen: the TypeSpec compiler is in {modules}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
