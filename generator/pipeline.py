"""The run as a whole: load → parse → render → format → write, with findings collected."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .config import Config
from .diagnostics import Diagnostic, Location, Severity, SpecError, error
from .format import format_files
from .ir import Api
from .load import load_spec
from .load.validate import validate_document
from .parse import parse_spec
from .targets import Target
from .write import WriteReport, plan, write_output


@dataclass
class BuildResult:
    api: Api
    diagnostics: list[Diagnostic] = field(default_factory=list)
    inputs: tuple[Path, ...] = ()  # every file read: never overwritten or removed by a run


def build_api(
    spec_path: Path,
    config: Config,
    *,
    workflows: Path | None,
    strict: bool,
    use_config_names: bool,
    progress: Callable[[str], None] | None = None,
) -> BuildResult:
    """Load, validate and parse; raise :class:`SpecError` on errors (or on warnings with
    ``strict``). ``progress`` is told each phase as it starts (loading, validating, parsing)."""
    if progress:
        progress(f"loading {spec_path.name}")
    loaded = load_spec(spec_path, base_dir=Path.cwd(), validate=False, ref_root=config.ref_root)
    if progress:
        progress("validating")
    diagnostics = [*loaded.diagnostics, *validate_document(loaded.document, loaded.source_map)]
    if progress:
        progress("parsing")
    try:
        api, parse_findings = parse_spec(
            loaded, config, workflows=workflows, use_config_names=use_config_names
        )
    except SpecError as exc:
        raise SpecError([*diagnostics, *exc.diagnostics]) from None
    diagnostics.extend(parse_findings)
    if strict and diagnostics:
        raise SpecError(
            [
                (
                    Diagnostic(Severity.ERROR, d.message, d.location)
                    if d.severity is Severity.WARNING
                    else d
                )
                for d in diagnostics
            ]
        )
    inputs = {spec_path, *(mount.file.path for mount in loaded.source_map.mounts)}
    if workflows is not None:
        inputs.add(workflows)
    return BuildResult(api, diagnostics, tuple(sorted(inputs)))


@dataclass
class GenerateResult:
    report: WriteReport
    targets: list[str]
    seconds: float


def render_targets(
    api: Api, targets: Sequence[Target], progress: Callable[[str], None] | None = None
) -> dict[str, bytes]:
    rendered: dict[str, str] = {}
    for target in targets:
        if progress:
            progress(f"rendering {target.name}")
        for rel, text in target.render(api):
            if rel in rendered:
                raise SpecError([error(f"two outputs want the path {rel}", _nowhere())])
            rendered[rel] = text
    if progress:
        progress(f"formatting {len(rendered)} files")
    formatted = format_files(rendered)
    return {rel: formatted[rel].encode("utf-8") for rel in rendered}


def generate(
    api: Api,
    targets: Sequence[Target],
    out_dir: Path,
    *,
    check: bool,
    inputs: Sequence[Path] = (),
    progress: Callable[[str], None] | None = None,
    on_written: Callable[[], None] | None = None,
) -> GenerateResult:
    """Render, format and write (or with ``check``, only compare) the targets' files.

    Writing raises :class:`generator.write.OutputError` for what the machine refuses; the
    previous output is then left as it was, as it is after an interruption before the moment
    the new output is in place — which ``on_written`` marks.
    """
    started = time.perf_counter()
    files = render_targets(api, targets, progress)
    roots = [root for target in targets for root in target.roots]
    if check:
        report = plan(files, out_dir, roots, inputs)
    else:
        if progress:
            progress("writing")
        report = write_output(files, out_dir, roots, inputs, on_written)
    return GenerateResult(report, [t.name for t in targets], time.perf_counter() - started)


def _nowhere() -> Location:
    return Location("<output>")
