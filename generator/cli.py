"""The ``dxgen`` command: generate, validate, inspect.

The pipeline (black, the validator: a second of imports) is imported when a command runs, not
with this module, so that Ctrl-C at any moment of a run is answered with exit 130, never with a
traceback, and ``--help`` is quick.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import json
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any, NoReturn

import click

from . import __version__, stamp
from .config import Config, config_candidates, load_config
from .diagnostics import Diagnostic, Severity, SpecError
from .targets import ALL_TARGET_NAMES, available_targets
from .write import TXN_DIR, OutputError, WriteReport

if TYPE_CHECKING:
    from .load.validate import EarlyValidation
    from .pipeline import BuildResult
    from .run_memory import RunMemory

EXIT_OK, EXIT_STALE, EXIT_INPUT, EXIT_INTERNAL = 0, 1, 2, 3
EXIT_SIGINT, EXIT_SIGTERM = 128 + signal.SIGINT, 128 + signal.SIGTERM  # 130, 143: the shell's


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised like Ctrl-C's KeyboardInterrupt so that the same clean-up runs."""


def _raise_terminated(signum: int, frame: FrameType | None) -> None:
    raise Terminated()


def _print_diagnostics(diagnostics: Sequence[Diagnostic], said: list[str] | None = None) -> None:
    """Print the findings (to stderr); ``said`` keeps what was printed, for the run's stamp."""
    for diagnostic in diagnostics:
        line = diagnostic.render()
        click.echo(line, err=True)
        if said is not None:
            said.append(line)


def _fail(exc: SpecError) -> NoReturn:
    _print_diagnostics(exc.diagnostics)
    # Warnings found before the error are printed too, but they are not what stopped the run.
    count = sum(1 for d in exc.diagnostics if d.severity is Severity.ERROR)
    click.echo(f"dxgen: {count} error{'s' if count != 1 else ''}; nothing written", err=True)
    sys.exit(EXIT_INPUT)


@dataclasses.dataclass(frozen=True)
class _Inputs:
    """What a command reads, once the config has said its part."""

    spec: Path
    config: Config
    workflows: Path | None
    own_spec: bool  # the config's own spec: its names and workflows apply


def _resolve_inputs(spec: Path | None, config_file: Path | None, workflows: Path | None) -> _Inputs:
    try:
        return _resolved(spec, config_file, workflows)
    except SpecError as exc:
        _fail(exc)


def _resolved(spec: Path | None, config_file: Path | None, workflows: Path | None) -> _Inputs:
    config = load_config(config_file)
    configured = config.path_of("spec")
    if spec is None:
        if configured is None:
            raise click.UsageError("no SPEC given and no `spec` in dxgen.toml")
        spec = configured
    own_spec = configured is not None and spec.resolve() == configured
    if workflows is None and own_spec:
        workflows = config.path_of("workflows")
    return _Inputs(spec, config, workflows, own_spec)


def _build(
    inputs: _Inputs,
    strict: bool,
    progress: Callable[[str], None] | None = None,
    defer_validation: bool = False,
    said: list[str] | None = None,
    early: EarlyValidation | None = None,
    memory: RunMemory | None = None,
) -> BuildResult:
    from .pipeline import build_api

    try:
        result = build_api(
            inputs.spec,
            inputs.config,
            workflows=inputs.workflows,
            strict=strict,
            use_config_names=inputs.own_spec,
            progress=progress,
            defer_validation=defer_validation,
            early=early,
            memory=memory,
        )
    except SpecError as exc:
        if progress:
            click.echo("\r\033[K", nl=False, err=True)
        _fail(exc)
    if progress and result.diagnostics:
        click.echo("\r\033[K", nl=False, err=True)
    _print_diagnostics(result.diagnostics, said)
    return result


_WRITTEN = "dxgen.written"  # ctx.meta: the output folder, once the new output is in place


class _Dxgen(click.Group):
    """One line instead of a traceback: exit 3 for an unexpected exception (a dxgen bug), 130
    for Ctrl-C and 143 for SIGTERM (once the run has cleaned up: workers, staged files)."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        if threading.current_thread() is not threading.main_thread():
            return super().main(*args, **kwargs)
        previous = signal.signal(signal.SIGTERM, _raise_terminated)
        try:
            return super().main(*args, **kwargs)
        finally:
            signal.signal(signal.SIGTERM, previous)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return self._invoke(ctx)
        finally:
            if _as_program:  # the command is over: nothing may change its exit code now
                _block_exit_signals()

    def _invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
            raise
        except KeyboardInterrupt as exc:
            name, code = (
                ("SIGTERM", EXIT_SIGTERM)
                if isinstance(exc, Terminated)
                else ("SIGINT", EXIT_SIGINT)
            )
            written = ctx.meta.get(_WRITTEN)
            state = f"after {written} was written" if written else "the output was left as it was"
            if sys.stderr.isatty():
                click.echo("\r\033[K", nl=False, err=True)  # the progress line
            click.echo(f"dxgen: interrupted by {name}; {state}", err=True)
            ctx.exit(code)
        except Exception as exc:
            if os.environ.get("DXGEN_DEBUG"):
                raise
            click.echo(
                f"dxgen: internal error (please report; DXGEN_DEBUG=1 shows the traceback): "
                f"{type(exc).__name__}: {exc}",
                err=True,
            )
            ctx.exit(EXIT_INTERNAL)


def run() -> NoReturn:
    """The ``dxgen`` program (``main`` is the click group, for in-process callers and tests).

    Once the command has its exit code, the process ends at once, without tearing down the
    interpreter: a large run's modules, model and text took longer to tear down than the
    run's last steps, and Python gives SIGINT back its default action while it does, so a
    Ctrl-C in that moment killed dxgen without a word (exit -2 instead of 130). Every file
    and folder a run makes is closed or removed by then; the two signals are blocked for the
    last flush, so the code the run ended with is the one the shell sees.
    """
    global _as_program
    _as_program = True
    code = EXIT_INTERNAL
    try:
        main()
    except SystemExit as exc:
        code = _exit_code(exc)
    except KeyboardInterrupt:  # before the command's own handler was in place
        code = EXIT_SIGINT
    finally:
        _block_exit_signals()
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(OSError, ValueError):  # a closed pipe: nothing to say
                stream.flush()
    os._exit(code)


_as_program = False  # run() is the process: it ends with os._exit


def _block_exit_signals() -> None:
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})


def _exit_code(exc: SystemExit) -> int:
    if exc.code is None:
        return EXIT_OK
    if isinstance(exc.code, int):
        return exc.code
    print(exc.code, file=sys.stderr)  # as the interpreter would for sys.exit("message")
    return 1


@click.group(cls=_Dxgen, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="dxgen")
def main() -> None:
    """One OpenAPI description in; SDK, CLI, docs, agent skills and llms.txt out."""


@main.command("generate")
@click.argument("spec", required=False, type=click.Path(path_type=Path))
@click.option("-o", "--output", "output", type=click.Path(path_type=Path), help="Output folder.")
@click.option(
    "-t", "--target", "targets", multiple=True, type=click.Choice(ALL_TARGET_NAMES),
    help="Only these targets (repeatable). Default: all.",
)  # fmt: skip
@click.option("--check", is_flag=True, help="Write nothing; exit 1 if output/ is stale.")
@click.option("--config", "config_file", type=click.Path(path_type=Path), help="dxgen.toml")
@click.option("--workflows", type=click.Path(path_type=Path), help="Workflows YAML file.")
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("-q", "--quiet", is_flag=True, help="No summary line.")
@click.option(
    "-w", "--watch", is_flag=True,
    help="Keep running: generate again whenever the spec or a file it reads changes.",
)  # fmt: skip
def generate_command(
    spec: Path | None,
    output: Path | None,
    targets: tuple[str, ...],
    check: bool,
    config_file: Path | None,
    workflows: Path | None,
    strict: bool,
    quiet: bool,
    watch: bool,
) -> None:
    """Generate the artifacts for SPEC (default: `spec` from dxgen.toml)."""
    if watch and check:
        raise click.UsageError("--watch and --check do not go together")
    args = _GenerateArgs(spec, output, tuple(targets), check, config_file, workflows, strict, quiet)
    if watch:
        _watch(args)
        return
    _generate_once(args)
    from .cache_prune import prune_if_due

    prune_if_due()  # at most every few hours: the cache kept under its size limit


@dataclasses.dataclass(frozen=True)
class _GenerateArgs:
    """What ``dxgen generate`` was given."""

    spec: Path | None
    output: Path | None
    targets: tuple[str, ...]
    check: bool
    config_file: Path | None
    workflows: Path | None
    strict: bool
    quiet: bool


def _generate_once(
    args: _GenerateArgs,
    memory: RunMemory | None = None,
    started: float | None = None,
    reading: set[Path] | None = None,
) -> tuple[Path, ...]:
    """One run; the files it read (none when the stamp answered it).

    A long-lived run passes its ``memory`` (such a run is never answered by the stamp: its
    first run fills the memory), the moment it ``started`` (``time.perf_counter``; the
    summary then gives the whole run's time) and ``reading``, which is told the spec and the
    workflows as soon as they are known (a run that fails has read them too)."""
    inputs = _resolve_inputs(args.spec, args.config_file, args.workflows)
    if reading is not None:
        reading.update(Path(os.path.abspath(p)) for p in (inputs.spec, inputs.workflows) if p)
    out_dir = args.output or inputs.config.path_of("output") or Path("output")
    request = stamp.Request(
        spec=Path(os.path.abspath(inputs.spec)),
        out_dir=Path(os.path.abspath(out_dir)),
        targets=args.targets or ALL_TARGET_NAMES,
        strict=args.strict,
        workflows=Path(os.path.abspath(inputs.workflows)) if inputs.workflows else None,
        use_config_names=inputs.own_spec,
        config_files=tuple(Path(os.path.abspath(p)) for p in config_candidates(args.config_file)),
    )
    replay = stamp.current(request) if memory is None else None
    if replay is not None:
        _say_up_to_date(replay, out_dir, args.check, args.quiet)
        return ()
    from .load.validate import early_validation

    # The validator of a small spec starts first, beside everything else the run imports (a
    # long-lived run has imported it all: its validator starts once the spec is loaded).
    early = (
        early_validation(inputs.spec, Path.cwd(), inputs.config.ref_root)
        if memory is None
        else None
    )
    progress = _progress if sys.stderr.isatty() and not args.quiet else None
    said: list[str] = []  # what the run prints that a rerun with nothing changed says again
    result = _build(
        inputs, args.strict, progress, defer_validation=True, said=said, early=early, memory=memory
    )
    try:
        _generate(
            result,
            request,
            out_dir,
            args.check,
            args.strict,
            args.quiet,
            progress,
            said,
            memory,
            started,
        )
    finally:
        result.cancel()
    return result.inputs


def _watch(args: _GenerateArgs) -> None:
    """Generate, then again each time a file the run read changes, until Ctrl-C. A run that
    fails says why and leaves the output as it was; the next change is tried again. The
    process keeps what the next run can reuse (:mod:`generator.run_memory`): after a small
    edit, a run renders and writes only the files the edit reaches."""
    from . import watch
    from .run_memory import RunMemory

    memory = RunMemory()
    ctx = click.get_current_context()
    config_files = [Path(os.path.abspath(p)) for p in config_candidates(args.config_file)]
    # watched whatever a run reads: the config files, the spec and workflows once known
    watched = {*config_files, *([Path(os.path.abspath(args.spec))] if args.spec else [])}
    read: tuple[Path, ...] = ()
    before = watch.look(watched)
    prepared = False
    while True:
        ctx.meta.pop(_WRITTEN, None)
        try:
            read = _generate_once(args, memory, time.perf_counter(), watched) or read
        except SystemExit as exc:  # its findings are printed: the output is as it was
            if exc.code not in (EXIT_STALE, EXIT_INPUT):
                raise
        memory.settle()  # what the run left to do once done, before waiting
        if not prepared:
            from .load.validate import prepare

            prepare()  # for the validator's children to come
            prepared = True
        now = watch.look(sorted({*watched, *(Path(os.path.abspath(p)) for p in read)}))
        # a file first read by this run is taken as it is now; the others as before the run
        before = {path: before.get(path, found) for path, found in now.items()}
        if not args.quiet:
            click.echo(f"dxgen: watching {len(before)} files (Ctrl-C to stop)", err=True)
        try:
            seen = watch.wait_for_change(before)
        except KeyboardInterrupt:
            click.echo("dxgen: stopped watching", err=True)
            return
        before = watch.look(before)
        if not args.quiet:
            names = ", ".join(_shown(path) for path in seen[:3])
            more = f" and {len(seen) - 3} more" if len(seen) > 3 else ""
            click.echo(f"dxgen: {names}{more} changed", err=True)


def _shown(path: Path) -> str:
    """``path`` relative to the working folder where it is inside it."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _say_up_to_date(replay: stamp.Replay, out_dir: Path, check: bool, quiet: bool) -> None:
    """What a run with nothing changed since the last one prints: that run's findings again,
    and its summary with every file unchanged."""
    for line in replay.messages:
        click.echo(line, err=True)
    if quiet:
        return
    names = ", ".join(replay.targets) or "none"
    if check:
        click.echo(f"dxgen: {out_dir} is up to date ({replay.files} files; targets: {names})")
    else:
        click.echo(
            f"dxgen: targets {names}: 0 written, {replay.files} unchanged, 0 removed"
            f" (nothing changed since the last run) → {out_dir}"
        )


def _settle(
    result: BuildResult,
    strict: bool,
    progress: Callable[[str], None] | None,
    said: list[str],
) -> None:
    """The validator's findings, which ran beside rendering: printed, or with ``--strict`` the
    end of the run (nothing written)."""
    if progress and result.pending is not None and result.pending.running:
        progress("validating")  # what is left of the validator's work, waited for now
    try:
        found = result.settle(strict)
    except SpecError as exc:
        if progress:
            click.echo("\r\033[K", nl=False, err=True)
        _fail(exc)
    if found:
        if progress:
            click.echo("\r\033[K", nl=False, err=True)
        _print_diagnostics(found, said)


def _generate(
    result: BuildResult,
    request: stamp.Request,
    out_dir: Path,
    check: bool,
    strict: bool,
    quiet: bool,
    progress: Callable[[str], None] | None,
    said: list[str],
    memory: RunMemory | None = None,
    started: float | None = None,
) -> None:
    from .format import GeneratedCodeError
    from .pipeline import generate

    implemented = available_targets()
    wanted = request.targets
    missing = [name for name in wanted if name not in implemented]
    chosen = [implemented[name] for name in wanted if name in implemented]
    if missing and not quiet:
        click.echo(f"dxgen: not implemented yet, skipped: {', '.join(missing)}", err=True)
    try:
        outcome = generate(
            result.api,
            chosen,
            out_dir,
            check=check,
            inputs=result.inputs,
            progress=progress,
            on_written=lambda: click.get_current_context().meta.update({_WRITTEN: out_dir}),
            before_write=lambda: _settle(result, strict, progress, said),
            memory=memory,
        )
    except SpecError as exc:
        _fail(exc)
    except OutputError as exc:
        if progress:
            click.echo("\r\033[K", nl=False, err=True)
        click.echo(exc.render(), err=True)
        sys.exit(EXIT_INPUT)
    except GeneratedCodeError as exc:
        click.echo(f"dxgen: internal error (please report): {exc}", err=True)
        sys.exit(EXIT_INTERNAL)
    if progress:
        click.echo("\r\033[K", nl=False, err=True)
    report = outcome.report
    names = ", ".join(outcome.targets) or "none"
    _print_unsettled(report, out_dir, said)
    if check:
        for rel in report.written:
            state = "stale" if (out_dir / rel).exists() else "missing"
            click.echo(f"{state}: {out_dir / rel}", err=True)
        for rel in report.removed:
            click.echo(f"extra: {out_dir / rel}", err=True)
        if report.stale or report.interrupted:
            click.echo(
                f"dxgen: {len(report.stale)} file(s) out of date in {out_dir} "
                f"(targets: {names}); run `dxgen generate`",
                err=True,
            )
            sys.exit(EXIT_STALE)
    record = functools.partial(
        stamp.record,
        request,
        inputs=result.inputs,  # the config files are part of the request
        read=result.digests,
        roots=outcome.roots,
        files=[*report.written, *report.unchanged],
        messages=said,
        targets=outcome.targets,
    )
    if memory is None:
        record()
    else:  # a long-lived run: once it has said it is done
        memory.later(record)
    if quiet:
        return
    if check:
        click.echo(
            f"dxgen: {out_dir} is up to date ({len(report.unchanged)} files; targets: {names})"
        )
        return
    seconds = outcome.seconds if started is None else time.perf_counter() - started
    click.echo(
        f"dxgen: targets {names}: {len(report.written)} written, "
        f"{len(report.unchanged)} unchanged, {len(report.removed)} removed "
        f"in {seconds:.2f}s → {out_dir}"
    )


def _print_unsettled(report: WriteReport, out_dir: Path, said: list[str]) -> None:
    """What the run found but did not (or could not) make its own: other files, killed runs."""
    if report.recovered:
        click.echo(f"dxgen: {report.recovered} the changes of a killed run in {out_dir}", err=True)
    if report.interrupted:
        click.echo(
            f"interrupted: {out_dir / TXN_DIR} (a killed run; `dxgen generate` settles it)",
            err=True,
        )
    for rel in report.foreign:
        line = f"not ours, left alone: {out_dir / rel}"
        click.echo(line, err=True)
        said.append(line)


def _progress(message: str) -> None:
    click.echo(f"\r\033[Kdxgen: {message}…", nl=False, err=True)


def _spec_inputs(command: Callable[..., None]) -> Callable[..., None]:
    """SPEC, --config, --workflows and --strict, as `validate` and `inspect` take them."""
    for option in reversed(
        [
            click.argument("spec", required=False, type=click.Path(path_type=Path)),
            click.option("--config", "config_file", type=click.Path(path_type=Path)),
            click.option(
                "--workflows", type=click.Path(path_type=Path), help="Workflows YAML file."
            ),
            click.option("--strict", is_flag=True, help="Treat warnings as errors."),
        ]
    ):
        command = option(command)
    return command


@main.command("validate")
@_spec_inputs
def validate_command(
    spec: Path | None, config_file: Path | None, workflows: Path | None, strict: bool
) -> None:
    """Check SPEC: located errors exit 2, warnings are printed."""
    result = _build(_resolve_inputs(spec, config_file, workflows), strict)
    api = result.api
    warnings = len(result.diagnostics)
    click.echo(
        f"dxgen: {api.title} {api.version}: {len(api.operations)} operations, "
        f"{len(api.schemas)} schemas, {len(api.workflows)} workflows; "
        f"{warnings} warning{'s' if warnings != 1 else ''}"
    )


@main.command("inspect")
@_spec_inputs
def inspect_command(
    spec: Path | None, config_file: Path | None, workflows: Path | None, strict: bool
) -> None:
    """Print the intermediate model of SPEC as JSON: what the parser decided."""
    result = _build(_resolve_inputs(spec, config_file, workflows), strict)
    click.echo(json.dumps(_to_json(result.api), indent=2, ensure_ascii=False))


def _to_json(api: Any) -> Any:
    return dataclasses.asdict(api)


@main.command("compile")
@click.argument("spec", type=click.Path(path_type=Path))
@click.option(
    "-o", "--output", "output", required=True, type=click.Path(path_type=Path),
    help="The OpenAPI file to write (`-` for stdout).",
)  # fmt: skip
@click.option("--check", is_flag=True, help="Write nothing; exit 1 if OUTPUT differs.")
def compile_command(spec: Path, output: Path, check: bool) -> None:
    """Compile the TypeSpec SPEC (.tsp) to the OpenAPI 3.0 YAML dxgen reads from it."""
    from .load.typespec import compile_typespec, is_typespec

    if not is_typespec(spec):
        raise click.UsageError(f"{spec} is not a TypeSpec file (.tsp)")
    try:
        compiled = compile_typespec(spec, base_dir=Path.cwd())
    except SpecError as exc:
        _fail(exc)
    _print_diagnostics(compiled.diagnostics)
    if str(output) == "-":
        click.echo(compiled.openapi.decode("utf-8"), nl=False)
        return
    try:
        same = output.is_file() and output.read_bytes() == compiled.openapi
    except OSError:
        same = False
    if check:
        if not same:
            click.echo(f"dxgen: {output} is not the compiled {spec}; run `dxgen compile`", err=True)
            sys.exit(EXIT_STALE)
        return
    if any(
        output.absolute().resolve() == source.absolute().resolve() for source in compiled.sources
    ):
        click.echo(f"{output}: error: is an input of the compile; not overwritten", err=True)
        sys.exit(EXIT_INPUT)
    if not same:
        _write_atomically(output, compiled.openapi)


def _write_atomically(path: Path, data: bytes) -> None:
    """``data`` into ``path`` by a rename, so a reader never sees half a file."""
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, staged = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            os.replace(staged, path)
        except BaseException:
            Path(staged).unlink(missing_ok=True)
            raise
    except OSError as exc:
        click.echo(f"{path}: error: cannot write: {exc.strerror}", err=True)
        sys.exit(EXIT_INPUT)
