"""Python for the targets that emit it (the SDK, the CLI): annotations for IR types
(:mod:`.types`), import sections (:mod:`.imports`), and spec text made safe in source
(:mod:`.source`: docstrings and literals)."""
