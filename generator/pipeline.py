"""The run as a whole: load → parse → render → format → write, with findings collected."""

from __future__ import annotations

import contextlib
import functools
import gc
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from . import render_cache, render_store
from .config import Config
from .diagnostics import Diagnostic, Location, Severity, SpecError, error
from .format import FormatJob, format_file, is_python
from .ir import Api
from .load import LoadedSpec, load_spec
from .load.memo import remembering
from .load.validate import EarlyValidation, PendingValidation, start_validation
from .parse import parse_spec
from .run_memory import RunMemory
from .targets import Target
from .write import WriteReport, WriteSession, plan


@dataclass
class BuildResult:
    api: Api
    diagnostics: list[Diagnostic] = field(default_factory=list)
    inputs: tuple[Path, ...] = ()  # every file read: never overwritten or removed by a run
    #: The sha256 of each input as it was read, where the loader read it (not a TypeSpec
    #: import, which the compiler reads, nor the workflows).
    digests: dict[Path, str] = field(default_factory=dict)
    #: The validator's verdict when it was left to run beside the rest (``defer_validation``):
    #: :meth:`settle` it before anything is written.
    pending: PendingValidation | None = None

    def settle(self, strict: bool) -> list[Diagnostic]:
        """The validator's findings, once it is done (added to ``diagnostics``); with
        ``strict``, :class:`SpecError` if there are any."""
        if self.pending is None:
            return []
        found, self.pending = self.pending.diagnostics(), None
        self.diagnostics.extend(found)
        if strict and found:
            raise SpecError(_as_errors(self.diagnostics))
        return found

    def cancel(self) -> None:
        """The run ends early: stop the validator if it is still working."""
        if self.pending is not None:
            self.pending.cancel()
            self.pending = None


def _as_errors(diagnostics: Sequence[Diagnostic]) -> list[Diagnostic]:
    return [
        Diagnostic(Severity.ERROR, d.message, d.location) if d.severity is Severity.WARNING else d
        for d in diagnostics
    ]


def build_api(
    spec_path: Path,
    config: Config,
    *,
    workflows: Path | None,
    strict: bool,
    use_config_names: bool,
    progress: Callable[[str], None] | None = None,
    defer_validation: bool = False,
    early: EarlyValidation | None = None,
    memory: RunMemory | None = None,
) -> BuildResult:
    """Load, validate and parse; raise :class:`SpecError` on errors (or on warnings with
    ``strict``). ``progress`` is told each phase as it starts (loading, validating, parsing).

    With ``defer_validation`` the validator runs beside what follows (parsing, rendering,
    formatting) and the result is :meth:`BuildResult.settle`-d by the caller before writing;
    ``early`` is that validator, if the caller started it already (:func:`early_validation`).
    A long-lived run passes its ``memory`` (:mod:`generator.run_memory`).
    """
    if progress:
        progress(f"loading {spec_path.name}")
    base_dir = Path.cwd()
    try:
        with remembering(memory.load if memory else None):
            loaded = load_spec(
                spec_path, base_dir=base_dir, validate=False, ref_root=config.ref_root
            )
    except BaseException:
        if early is not None:
            early.cancel()
        raise
    if progress and not defer_validation:
        progress("validating")
    pending = start_validation(
        loaded.document, loaded.source_map, background=defer_validation, early=early
    )
    try:
        return _parse(
            loaded,
            config,
            spec_path,
            workflows,
            strict,
            use_config_names,
            pending,
            progress,
            memory,
        )
    except BaseException:
        pending.cancel()
        raise


def _parse(
    loaded: LoadedSpec,
    config: Config,
    spec_path: Path,
    workflows: Path | None,
    strict: bool,
    use_config_names: bool,
    pending: PendingValidation,
    progress: Callable[[str], None] | None,
    memory: RunMemory | None,
) -> BuildResult:
    diagnostics = list(loaded.diagnostics)
    deferred: PendingValidation | None = pending
    if not pending.running:  # done already (in place, or from the cache): in reading order
        diagnostics.extend(pending.diagnostics())
        deferred = None
    if progress:
        progress(f"parsing {len(loaded.document.get('paths') or {}):,} paths")
    try:
        api, parse_findings = parse_spec(
            loaded,
            config,
            workflows=workflows,
            use_config_names=use_config_names,
            memo=memory.parse if memory else None,
        )
    except SpecError as exc:
        # what stopped the run first, then what the validator adds (it is done by now)
        late = deferred.diagnostics() if deferred else []
        raise SpecError([*diagnostics, *late, *exc.diagnostics]) from None
    diagnostics.extend(parse_findings)
    loaded.source_map.release_documents()
    inputs = {
        spec_path,
        *(mount.file.path for mount in loaded.source_map.mounts),
        *loaded.sources,
    }
    if workflows is not None:
        inputs.add(workflows)
    if strict and diagnostics:
        late = deferred.diagnostics() if deferred else []
        raise SpecError(_as_errors([*diagnostics, *late]))
    digests = {m.file.path: m.file.digest for m in loaded.source_map.mounts if m.file.digest}
    return BuildResult(api, diagnostics, tuple(sorted(inputs)), digests, deferred)


@dataclass
class GenerateResult:
    report: WriteReport
    targets: list[str]
    seconds: float
    roots: list[str]  # what the targets own under the output folder


def render_targets(
    api: Api,
    targets: Sequence[Target],
    progress: Callable[[str], None] | None = None,
    on_file: Callable[[str, bytes], None] | None = None,
    memory: RunMemory | None = None,
) -> dict[str, bytes]:
    """Every target's files, formatted, as bytes. Text that needs no formatter is encoded as
    it comes. A target's Python goes to the formatter as soon as the target is rendered, and
    is formatted while the next targets render (the docs and llms of a large kit: seconds);
    the run waits for it at the end. A large kit's text is held once, mostly as UTF-8 bytes
    (a str with one non-ASCII character takes two or four bytes a character). ``on_file`` is
    told each file as soon as its bytes are final (to write it meanwhile). A long-lived run
    passes its ``memory``: the answers of its last run, and where this run's go."""
    with _long_lived_objects_left_alone():
        return _render_targets(api, targets, progress, on_file, memory)


@contextlib.contextmanager
def _long_lived_objects_left_alone() -> Iterator[None]:
    """The collector's full passes skip what exists already (the loaded spec, the IR):
    rendering makes millions of short-lived objects, and each full pass walked the IR's too
    (a fifth of GitHub's rendering time). Nothing is freed later than it would have been:
    only cycles are the collector's, and these objects live to the end of the run anyway."""
    if gc.get_freeze_count():  # someone else's freeze: theirs to undo
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _render_targets(
    api: Api,
    targets: Sequence[Target],
    progress: Callable[[str], None] | None,
    on_file: Callable[[str, bytes], None] | None,
    memory: RunMemory | None,
) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    jobs: list[FormatJob] = []
    where = render_cache.folder()
    # nothing to look up (a cold cache, a first run in memory): the keys are computed later
    cold = (where is None or render_store.is_cold(where)) and not (memory and memory.runs)
    units = render_cache.Units(api, enabled=where is not None, deferred=cold, memory=memory)
    keys: dict[str, str] = {}  # a file rendered now → its key, to keep its final bytes by
    answers: dict[str, render_store.Answer] = {}  # key → final bytes, kept at the end

    def final(rel: str, data: bytes) -> None:
        files[rel] = data
        key = keys.pop(rel, None)
        if key is not None:
            answers[key] = data
        if on_file:
            on_file(rel, data)

    def collect(job: FormatJob) -> None:
        for rel, data in job.result().items():
            final(rel, data)

    # Python waiting for the formatter: a target's, and the next targets' too while there are
    # few files (each formatter started costs a fork of this process)
    python: dict[str, str] = {}
    try:
        for target in targets:
            if progress:
                progress(f"rendering {target.name}")
            for count, (rel, text) in enumerate(_produce(api, target, units, files, keys), 1):
                if progress and count % _PROGRESS_EVERY == 0:  # a large kit: seconds a target
                    progress(f"rendering {target.name}: {count:,} files")
                if rel in files:
                    raise SpecError([error(f"two outputs want the path {rel}", _nowhere())])
                if isinstance(text, bytes):  # final as it is
                    final(rel, text)
                elif is_python(rel):
                    python[rel] = text
                    files[rel] = b""  # its place in the order; filled once formatted
                    continue
                else:
                    final(rel, format_file(rel, text).encode("utf-8"))
                if on_file and jobs and len(files) % 256 == 0 and jobs[0].ready():
                    collect(jobs.pop(0))  # formatted meanwhile: on to the writer now
            if len(python) >= _FORMAT_BATCH:
                jobs.append(FormatJob(python))
                python = {}
            while jobs and jobs[0].ready():  # formatted meanwhile: on to the writer
                collect(jobs.pop(0))
        if python:
            jobs.append(FormatJob(python))
        if progress:
            progress(f"formatting {sum(1 for data in files.values() if not data)} Python files")
        while jobs:
            collect(jobs[0])
            jobs.pop(0)
    except BaseException:
        for job in jobs:
            job.cancel()
        raise
    if where is not None and (answers or units.kept):
        if units.deferred:
            render_store.keep_later(where, units, {**units.kept, **answers})
        elif memory is not None:  # a long-lived run: once its output is in place
            new = {**units.kept, **answers}
            memory.later(lambda: render_store.store(where, new))
        else:
            render_store.store(where, {**units.kept, **answers})
    if memory is not None:
        _remember(memory, units, answers)
    return files


def _remember(
    memory: RunMemory, units: render_cache.Units, made: dict[str, render_store.Answer]
) -> None:
    """What the run used and made, for the next run of a long-lived process. A run whose keys
    are placeholders (a first run) leaves them to be computed when it is over."""
    answers = {**units.used, **units.kept, **made}
    if not units.deferred:
        memory.replace(answers)
        return

    def resolved() -> None:
        memory.replace(
            {real: data for key, data in answers.items() if (real := units.resolve(key))}
        )

    memory.later(resolved)


def _produce(
    api: Api,
    target: Target,
    units: render_cache.Units,
    files: Mapping[str, bytes],
    keys: dict[str, str],
) -> Iterator[tuple[str, str | bytes]]:
    """The target's files: those the render cache holds as they were kept (final bytes), the
    others rendered now (their keys noted in ``keys``, to keep them once final)."""
    if target.plan is None:
        yield from target.compose(api, files) if target.compose else target.render(api)
        return
    planned = list(target.plan(api, units, files))
    wanted = [p.key for p in planned if p.key is not None]
    # a deferred run has nothing to look up (and its keys are placeholders)
    hits = units.lookup(wanted) if wanted and not units.deferred else {}
    for item in planned:
        if item.key is not None:
            found = hits.get(item.key)
            if found is not None:
                yield item.rel, found
                continue
            keys[item.rel] = item.key
        yield item.rel, item.produce()


def generate(
    api: Api,
    targets: Sequence[Target],
    out_dir: Path,
    *,
    check: bool,
    inputs: Sequence[Path] = (),
    progress: Callable[[str], None] | None = None,
    on_written: Callable[[], None] | None = None,
    before_write: Callable[[], None] | None = None,
    memory: RunMemory | None = None,
) -> GenerateResult:
    """Render, format and write (or with ``check``, only compare) the targets' files.

    Writing raises :class:`generator.write.OutputError` for what the machine refuses; the
    previous output is then left as it was, as it is after an interruption before the moment
    the new output is in place — which ``on_written`` marks. A long-lived run passes its
    ``memory`` (:mod:`generator.run_memory`). Writing begins as the files are
    rendered (:class:`generator.write.WriteSession`: staged, not yet in place); the output
    changes only once all are rendered and ``before_write`` has had its say.
    """
    started = time.perf_counter()
    roots = [root for target in targets for root in target.roots]
    if check:
        files = render_targets(api, targets, progress)
        if before_write:
            before_write()
        report = plan(files, out_dir, roots, inputs)
    else:
        # a long-lived run knows what it left in the folder (generator.run_memory.Output)
        output = memory.output(out_dir) if memory is not None else None
        known = output.known if output is not None and output.recorded else None
        with WriteSession(out_dir, roots, inputs, known=known) as session:
            files = render_targets(api, targets, progress, session.offer, memory)
            if before_write:
                before_write()  # e.g. the validator's verdict, which may stop the run (--strict)
            render_store.start()  # what the render cache keeps of the run, beside the writing
            if progress:
                progress("writing")
            report = session.finish(files, on_written)
        if output is not None and memory is not None:
            memory.later(functools.partial(output.record, files))
    render_store.settle()  # what the render cache keeps of this run, stored meanwhile
    return GenerateResult(report, [t.name for t in targets], time.perf_counter() - started, roots)


_PROGRESS_EVERY = 250  # files a target renders between two progress messages
#: Fewer Python files than this wait for the next target's to go to the formatter with them:
#: starting it costs a fork of this process (a large one, late in a run), some 10 ms.
_FORMAT_BATCH = 16


def _nowhere() -> Location:
    return Location("<output>")
