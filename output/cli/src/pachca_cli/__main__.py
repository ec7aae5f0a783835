"""``python -m pachca_cli``: the same as the `pachca` command."""

from ._runtime._root import main

if __name__ == "__main__":
    main()
