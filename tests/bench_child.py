"""One measured run of the full kit, in a process of its own: what ``tests.bench_kit`` starts.

``python -m tests.bench_child SPEC OUT RESULT [--project]`` runs the pipeline as ``dxgen
generate`` does: the run's stamp first (when it says nothing changed, that is the whole run),
otherwise load, validate, parse, render each target, format, write and record the stamp. It
writes, as JSON to RESULT, the seconds of each phase (the pipeline's progress messages mark
where one ends and the next starts), the files written and left unchanged, and the process's
own peak RSS. With ``--project`` the project's dxgen.toml (names, workflows) is used, as
``make generate`` does; otherwise the defaults, as for any user's spec. The cache is whatever
the environment says (``DXGEN_CACHE_DIR``, ``DXGEN_CACHE``). Nothing from dxgen is imported
before the clock starts, so the first phase is the cost of importing it.
"""

from __future__ import annotations

import itertools
import json
import os
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from generator.pipeline import BuildResult

ROOT = Path(__file__).resolve().parents[1]

_PHASES = {
    "loading": "load",
    "validating": "validate",
    "parsing": "parse",
    "formatting": "format",
    "writing": "write",
}


def phase_name(message: str) -> str:
    """The phase a progress message starts: ``rendering sdk`` → ``sdk``, ``parsing`` → ``parse``."""
    word, _, rest = message.partition(" ")
    if word == "rendering":  # "rendering docs" or, as it goes, "rendering docs: 1,250 files"
        return rest.partition(":")[0]
    return _PHASES.get(word, word)


def run(spec: Path, out: Path, project: bool) -> dict[str, object]:
    marks: list[tuple[str, float]] = [("import", time.perf_counter())]

    from generator import stamp
    from generator.config import Config, config_candidates, load_config
    from generator.targets import ALL_TARGET_NAMES

    def mark(message: str) -> None:
        marks.append((phase_name(message), time.perf_counter()))

    config = load_config(cwd=ROOT) if project else Config()
    workflows = config.path_of("workflows") if project else None
    request = stamp.Request(
        spec=spec.absolute(),
        out_dir=out.absolute(),
        targets=ALL_TARGET_NAMES,
        strict=False,
        workflows=workflows,
        use_config_names=project,
        config_files=tuple(config_candidates(cwd=ROOT)) if project else (),
    )
    mark("stamp")  # as `dxgen generate` starts: is the output up to date already?
    replay = stamp.current(request)
    if replay is not None:
        marks.append(("end", time.perf_counter()))
        return _result(marks, replay.files, 0, [], 0, 0, len(replay.targets))
    mark("import")  # the pipeline, which a run the stamp answers does without
    from generator.load.validate import early_validation

    early = early_validation(spec, Path.cwd(), config.ref_root)  # as dxgen starts it

    from generator.pipeline import build_api, generate
    from generator.targets import available_targets

    built = build_api(
        spec,
        config,
        workflows=workflows,
        strict=False,
        use_config_names=project,
        progress=mark,
        defer_validation=True,  # as `dxgen generate` runs it: beside the rest
        early=early,
    )
    mark("import")  # the targets' modules (jinja, the view builders): not parsing
    implemented = available_targets()
    targets = [implemented[name] for name in ALL_TARGET_NAMES if name in implemented]
    outcome = generate(
        built.api,
        targets,
        out,
        check=False,
        inputs=built.inputs,
        progress=mark,
        before_write=lambda: _settle(built, mark),
    )
    report = outcome.report
    stamp.record(
        request,
        inputs=built.inputs,
        read=built.digests,
        roots=outcome.roots,
        files=[*report.written, *report.unchanged],
        messages=[d.render() for d in built.diagnostics],
        targets=outcome.targets,
    )
    marks.append(("end", time.perf_counter()))
    return _result(
        marks,
        len(report.unchanged),
        len(built.api.operations),
        sorted(report.written),
        len(report.removed),
        len(built.diagnostics),
        len(outcome.targets),
    )


def _result(
    marks: list[tuple[str, float]],
    unchanged: int,
    operations: int,
    written: list[str],
    removed: int,
    warnings: int,
    targets: int,
) -> dict[str, object]:
    phases: dict[str, float] = {}
    for (name, start), (_, end) in itertools.pairwise(marks):
        phases[name] = phases.get(name, 0.0) + end - start
    return {
        "phases": phases,
        "operations": operations,
        "warnings": warnings,
        "targets": targets,
        "written": written,
        "unchanged": unchanged,
        "removed": removed,
        "self_peak_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    }


def _settle(built: BuildResult, mark: Callable[[str], None]) -> None:
    """The validator's verdict, waited for as `dxgen generate` waits: the time spent waiting is
    the "validate" phase (the validator itself ran beside parsing, rendering and formatting)."""
    if built.pending is not None and built.pending.running:
        mark("validating")
    built.settle(strict=False)


def main(argv: list[str]) -> int:
    project = "--project" in argv
    spec, out, result = (Path(arg) for arg in argv if arg != "--project")
    data = run(spec, out, project)
    result.write_text(json.dumps(data), encoding="utf-8")
    return 0


if __name__ == "__main__":
    code = main(sys.argv[1:])
    sys.stdout.flush()
    os._exit(code)  # as `dxgen` ends (generator.cli.run): no interpreter teardown
