"""The `dxgen` command: exit codes, one located line per finding, no tracebacks, --check."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

import generator.cli
import generator.targets
from generator.ir import Api
from generator.targets import Target

FIXTURES = Path(__file__).resolve().parent / "fixtures"
LOCATED = re.compile(
    r"^(?P<file>[^\s:][^:]*):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning): .+$"
)


def run(*args: str | Path, cwd: Path = FIXTURES) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    return subprocess.run(
        [sys.executable, "-m", "generator", *map(str, args)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


# -- the real console entry point (all runs at once, in parallel, once per module) -----------

# What each bad input must print: one located line per error, at these places.
BAD: dict[str, tuple[list[str], list[tuple[str, str, int]]]] = {
    "broken": (["bad/broken.yaml"], [("bad/broken.yaml", ": {}", 1)]),
    "empty": (["bad/empty.yaml"], [("bad/empty.yaml", "", 1)]),
    "not_openapi": (["bad/not_openapi.yaml"], [("bad/not_openapi.yaml", "services:", 1)]),
    "not_a_mapping": (["bad/not_a_mapping.yaml"], [("bad/not_a_mapping.yaml", "- openapi", 1)]),
    "dangling_ref": (["bad/dangling_ref.yaml"], [("bad/dangling_ref.yaml", "$ref", 1)]),
    "missing_file": (["bad/missing_file.yaml"], [("bad/missing_file.yaml", "$ref", 1)]),
    "duplicate_operation_id": (
        ["bad/duplicate_operation_id.yaml"],
        [("bad/duplicate_operation_id.yaml", "operationId", 2)],
    ),
    "colliding_schemas": (
        ["bad/colliding_schemas.yaml"],
        [("bad/colliding_schemas.yaml", "UserProfile:", 1)],
    ),
    "colliding_methods": (
        ["bad/colliding_methods.yaml"],
        [("bad/colliding_methods.yaml", "get:", 2)],
    ),
    "bad_json": (["bad/bad.json"], [("bad/bad.json", "}", 3)]),  # the `}` after `{},`
    "openapi2x": (["bad/openapi2x.yaml"], [("bad/openapi2x.yaml", "openapi: 2.5", 1)]),
    "multi_file": (
        ["bad/multi/root.yaml"],
        [("bad/multi/part.yaml", "$ref", 1), ("bad/multi/part.yaml", "$ref", 2)],
    ),
    "bad_workflows": (
        ["--workflows", "bad/bad_workflows.yaml", "workflows/api.yaml"],
        [("bad/bad_workflows.yaml", "operation: sendGreeting", 1)],
    ),
    "strict": (
        ["--strict", "bad/invalid_but_usable.yaml"],
        [
            ("bad/invalid_but_usable.yaml", "summery", 1),
            ("bad/invalid_but_usable.yaml", "const", 1),
        ],
    ),
}
USAGE: dict[str, tuple[list[str], str]] = {
    "no_spec": (["validate"], "no SPEC given and no `spec` in dxgen.toml"),
    "bad_option": (["validate", "--no-such-option", "x.yaml"], "No such option"),
    "bad_target": (["generate", "-t", "nothing", "features/small.json"], "Invalid value"),
    "no_config": (
        ["validate", "--config", "missing.toml", "features/small.json"],
        "missing.toml: error: config file not found",
    ),
    "no_file": (["validate", "nowhere.yaml"], "nowhere.yaml: error: file not found"),
}
OTHER: dict[str, list[str]] = {
    "good": ["validate", "features/pagination.yaml"],
    "warnings": ["validate", "bad/invalid_but_usable.yaml"],
    "warning_and_error": ["validate", "bad/warning_and_error.yaml"],
    "inspect": ["inspect", "features/wrapper_body.yaml"],
}


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, subprocess.CompletedProcess[str]]:
    out = tmp_path_factory.mktemp("generate") / "out"
    cases: dict[str, list[str | Path]] = {
        **{f"bad:{name}": ["validate", *args] for name, (args, _) in BAD.items()},
        **{name: list(args) for name, args in OTHER.items()},
        "generate_bad": ["generate", "-o", out, "bad/dangling_ref.yaml"],
    }
    with ThreadPoolExecutor(max_workers=4) as pool:
        done = dict(zip(cases, pool.map(lambda args: run(*args), cases.values()), strict=True))
    assert not out.exists()  # the failed `generate` created nothing
    return done


def test_good_spec_exits_0_with_located_warnings(runs: Any, position: Any) -> None:
    result = runs["good"]
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        "dxgen: Paging API 1.0.0: 4 operations, 9 schemas, 0 workflows; 1 warning"
    )
    (line,) = result.stderr.splitlines()
    line_col = "{}:{}".format(*position("features/pagination.yaml", "get:", 3))
    assert line.startswith(f"features/pagination.yaml:{line_col}: warning: ")


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_input_exits_2_with_one_located_line_per_error(
    runs: Any, position: Any, case: str
) -> None:
    places = BAD[case][1]
    result = runs[f"bad:{case}"]
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr + result.stdout
    assert result.stdout == ""
    *lines, summary = result.stderr.splitlines()
    count = len(places)
    assert summary == f"dxgen: {count} error{'s' if count > 1 else ''}; nothing written"
    assert len(lines) == count
    for line, (rel, needle, occurrence) in zip(lines, places, strict=True):
        assert LOCATED.match(line), line
        line_col = "{}:{}".format(*position(rel, needle, occurrence)) if needle else "1:1"
        expected = f"{rel}:{line_col}"
        assert line.startswith(expected + ": error: "), (line, expected)


def test_warnings_do_not_fail_without_strict(runs: Any) -> None:
    result = runs["warnings"]
    assert result.returncode == 0
    lines = result.stderr.splitlines()
    assert len(lines) == 2
    assert all(LOCATED.match(line) and ": warning: " in line for line in lines)
    assert result.stdout.rstrip().endswith("2 warnings")


def test_warnings_beside_an_error_are_shown_but_not_counted(runs: Any, position: Any) -> None:
    result = runs["warning_and_error"]
    assert result.returncode == 2
    rel = "bad/warning_and_error.yaml"
    warning, error, summary = result.stderr.splitlines()
    assert warning.startswith("{}:{}:{}: warning: ".format(rel, *position(rel, "summery")))
    assert error.startswith(
        "{}:{}:{}: error: operations 'listUsers' and ".format(rel, *position(rel, "get:", 2))
    )
    assert summary == "dxgen: 1 error; nothing written"


def test_generate_with_bad_spec_writes_nothing(runs: Any) -> None:
    result = runs["generate_bad"]
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines()[-1] == "dxgen: 1 error; nothing written"


def test_inspect_prints_the_ir_as_json(runs: Any) -> None:
    result = runs["inspect"]
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["title"] == "Wrapper API"
    operations = [op for service in data["services"] for op in service["operations"]]
    assert [op["names"]["py"] for op in operations] == [
        "create_message",
        "update_message",
        "create_chat",
        "add_reaction",
    ]
    assert operations[0]["body"]["wrapper_key"] == "message"
    assert "CreateMessageRequestMessage" in [s["name"] for s in data["schemas"]]


# -- generate and --check, with a small target of our own (in-process) ----------------------

FILES = {
    "fake/README.md": "# {title}\n",
    "fake/pkg/models.py": "names = {names!r}",
    "fake.txt": "{count} operations",
}


def _fake_render(api: Api) -> Iterable[tuple[str, str]]:
    names = sorted(op.names.py for op in api.operations)
    values = {"title": api.title, "names": names, "count": len(names)}
    return [(path, text.format(**values)) for path, text in FILES.items()]


MANIFESTS = (".dxgen-manifest.json", "fake/.dxgen-manifest.json")


def _broken_render(api: Api) -> Iterable[tuple[str, str]]:
    yield "fake/README.md", "fine"
    yield "fake/pkg/models.py", "def broken(:"


FAKE = Target("docs", ("fake", "fake.txt"), _fake_render, "a test target")


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch) -> Any:
    """Run `dxgen` in-process with only the fake target, from the fixtures folder. The run's
    stamp is off: it knows dxgen's code by its files, and cannot see a target patched in."""
    monkeypatch.setenv("DXGEN_CACHE", "0")
    registry = {"docs": FAKE}
    monkeypatch.setattr(generator.targets, "available_targets", lambda: dict(registry))
    monkeypatch.setattr(generator.cli, "available_targets", lambda: dict(registry))
    monkeypatch.chdir(FIXTURES)

    def invoke(*args: str | Path, target: Target | None = None) -> Result:
        registry["docs"] = target or FAKE
        return CliRunner().invoke(generator.cli.main, [str(a) for a in args])

    return invoke


def snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    return {
        p.relative_to(root).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_generate_writes_deterministic_bytes(cli: Any, tmp_path: Path) -> None:
    first = cli("generate", "-q", "-o", tmp_path / "a", "features/wrapper_body.yaml")
    second = cli("generate", "-q", "-o", tmp_path / "b", "features/wrapper_body.yaml")
    assert (first.exit_code, second.exit_code) == (0, 0), first.output
    a = {k: v for k, (v, _) in snapshot(tmp_path / "a").items()}
    b = {k: v for k, (v, _) in snapshot(tmp_path / "b").items()}
    assert a == b
    assert sorted(a) == sorted([*FILES, *MANIFESTS])
    # Each root lists what dxgen wrote there: inside a folder root, beside a single-file root.
    assert json.loads(a["fake/.dxgen-manifest.json"])["files"] == ["README.md", "pkg/models.py"]
    assert json.loads(a[".dxgen-manifest.json"])["files"] == ["fake.txt"]
    assert a["fake/pkg/models.py"] == (  # formatted by black
        b'names = ["add_reaction", "create_chat", "create_message", "update_message"]\n'
    )


def test_unchanged_files_are_not_rewritten(cli: Any, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert cli("generate", "-o", out, "features/wrapper_body.yaml").exit_code == 0
    for path in out.rglob("*"):
        if path.is_file():
            os.utime(path, ns=(1_000_000_000_000_000_000, 1_000_000_000_000_000_000))
    before = snapshot(out)
    result = cli("generate", "-o", out, "features/wrapper_body.yaml")
    assert result.exit_code == 0
    assert "targets docs: 0 written, 5 unchanged, 0 removed" in result.stdout
    assert snapshot(out) == before


def _render_with_old_module(api: Api) -> Iterable[tuple[str, str]]:
    return [*_fake_render(api), ("fake/pkg/old.py", "old = 1")]


FAKE_BEFORE = Target("docs", ("fake", "fake.txt"), _render_with_old_module, "one file more")


def test_check_lists_stale_missing_extra_and_other_files(cli: Any, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert (
        cli("generate", "-o", out, "features/wrapper_body.yaml", target=FAKE_BEFORE).exit_code == 0
    )
    up_to_date = cli("generate", "--check", "-o", out, "features/wrapper_body.yaml")
    assert up_to_date.exit_code == 1  # fake/pkg/old.py is dxgen's and no longer produced
    assert f"extra: {out / 'fake/pkg/old.py'}" in up_to_date.stderr.splitlines()
    assert cli("generate", "-q", "-o", out, "features/wrapper_body.yaml").exit_code == 0
    assert not (out / "fake/pkg/old.py").exists()
    up_to_date = cli("generate", "--check", "-o", out, "features/wrapper_body.yaml")
    assert up_to_date.exit_code == 0
    assert f"dxgen: {out} is up to date (5 files; targets: docs)" in up_to_date.stdout

    (out / "fake/README.md").write_text("edited by hand\n", encoding="utf-8")
    (out / "fake.txt").unlink()
    (out / "fake/pkg/leftover.py").write_text("x = 1\n", encoding="utf-8")
    (out / "unrelated.txt").write_text("not a target's\n", encoding="utf-8")
    before = snapshot(out)
    result = cli("generate", "--check", "-o", out, "features/wrapper_body.yaml")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "dxgen: not implemented yet, skipped: sdk, cli, skills, llms",
        f"not ours, left alone: {out / 'fake/pkg/leftover.py'}",
        f"missing: {out / 'fake.txt'}",
        f"stale: {out / 'fake/README.md'}",
        f"dxgen: 2 file(s) out of date in {out} (targets: docs); run `dxgen generate`",
    ]
    assert snapshot(out) == before  # --check changes nothing

    fixed = cli("generate", "-q", "-o", out, "features/wrapper_body.yaml")
    assert fixed.exit_code == 0
    # A file of the user's under a root is reported, never removed; outside the roots, ignored.
    assert fixed.stderr.splitlines()[-1] == (
        f"not ours, left alone: {out / 'fake/pkg/leftover.py'}"
    )
    assert (out / "fake/pkg/leftover.py").read_text(encoding="utf-8") == "x = 1\n"
    assert (out / "unrelated.txt").exists()
    assert cli("generate", "--check", "-q", "-o", out, "features/wrapper_body.yaml").exit_code == 0


def test_check_on_empty_output_lists_everything_missing(cli: Any, tmp_path: Path) -> None:
    result = cli("generate", "--check", "-q", "-o", tmp_path, "features/wrapper_body.yaml")
    assert result.exit_code == 1
    assert sorted(line for line in result.stderr.splitlines() if line.startswith("missing: ")) == [
        f"missing: {tmp_path / rel}" for rel in sorted([*FILES, *MANIFESTS])
    ]
    assert list(tmp_path.iterdir()) == []


def test_failing_runs_leave_earlier_output_untouched(cli: Any, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert cli("generate", "-q", "-o", out, "features/wrapper_body.yaml").exit_code == 0
    before = snapshot(out)
    # Bad input: exit 2, located errors, nothing written.
    bad = cli("generate", "-o", out, "bad/duplicate_operation_id.yaml")
    assert bad.exit_code == 2
    assert LOCATED.match(bad.stderr.splitlines()[0])
    assert snapshot(out) == before
    # A good spec that changes every file, with one target producing code that does not parse:
    # the run fails before writing anything.
    broken = cli("generate", "-o", out, "features/pagination.yaml", target=FAKE_BROKEN)
    assert broken.exit_code == 3
    assert "dxgen: internal error (please report): fake/pkg/models.py" in broken.stderr
    assert "Traceback" not in broken.output
    assert snapshot(out) == before


FAKE_BROKEN = Target("docs", ("fake", "fake.txt"), _broken_render, "renders invalid Python")


@pytest.mark.parametrize("case", sorted(USAGE))
def test_usage_errors_exit_2(cli: Any, case: str) -> None:
    args, message = USAGE[case]
    result = cli(*args)
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit)  # not an uncaught error
    assert message in result.stderr
    assert result.stdout == ""


def test_inspect_of_a_bad_spec_prints_no_json(cli: Any) -> None:
    result = cli("inspect", "bad/dangling_ref.yaml")
    assert (result.exit_code, result.stdout) == (2, "")
    assert LOCATED.match(result.stderr.splitlines()[0])


# -- what is not dxgen's: the input spec and the user's files under a target root (issue 6.3) --


def test_the_input_and_other_files_under_a_root_are_never_removed(cli: Any, tmp_path: Path) -> None:
    out = tmp_path / "o"
    spec = out / "fake/spec.yaml"
    spec.parent.mkdir(parents=True)
    spec.write_bytes((FIXTURES / "features/wrapper_body.yaml").read_bytes())
    (out / "fake/notes.md").write_text("mine\n", encoding="utf-8")
    original = spec.read_bytes()
    for target in (FAKE_BEFORE, FAKE):  # the second run removes dxgen's fake/pkg/old.py
        result = cli("generate", "-o", out, spec, target=target)
        assert result.exit_code == 0, result.output
        assert sorted(line for line in result.stderr.splitlines() if "not ours" in line) == [
            f"not ours, left alone: {out / 'fake/notes.md'}",
            f"not ours, left alone: {out / 'fake/spec.yaml'}",
        ]
    assert spec.read_bytes() == original
    assert (out / "fake/notes.md").read_text(encoding="utf-8") == "mine\n"
    assert not (out / "fake/pkg/old.py").exists()
    # Even a manifest that claims the spec (edited, or from a run that wrote that path) does not
    # make it removable.
    manifest = out / "fake/.dxgen-manifest.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    manifest.write_text(json.dumps({**data, "files": [*data["files"], "spec.yaml"]}))
    assert cli("generate", "-q", "-o", out, spec).exit_code == 0
    assert spec.read_bytes() == original


def _render_over_the_spec(api: Api) -> Iterable[tuple[str, str]]:
    return [*_fake_render(api), ("fake/spec.yaml", "overwritten")]


def test_a_target_may_not_overwrite_the_input(cli: Any, tmp_path: Path) -> None:
    out = tmp_path / "o"
    spec = out / "fake/spec.yaml"
    spec.parent.mkdir(parents=True)
    spec.write_bytes((FIXTURES / "features/wrapper_body.yaml").read_bytes())
    before = snapshot(out)
    over = Target("docs", ("fake", "fake.txt"), _render_over_the_spec, "writes over the spec")
    result = cli("generate", "-o", out, spec, target=over)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        f"{out / 'fake/spec.yaml'}: error: is an input of this run; dxgen will not overwrite it"
    )
    assert snapshot(out) == before


# -- the machine refuses: exit 2, one line naming the path, earlier output kept (issue 6.5) ----


def _render_long_name(api: Api) -> Iterable[tuple[str, str]]:
    return [*_fake_render(api), (f"fake/{'n' * 300}.md", "long")]


def test_environment_errors_exit_2_with_one_line_naming_the_path(cli: Any, tmp_path: Path) -> None:
    a_file = tmp_path / "a-file"
    a_file.write_text("not a folder\n", encoding="utf-8")
    result = cli("generate", "-o", a_file, "features/wrapper_body.yaml")
    assert (result.exit_code, result.stderr.splitlines()[-1]) == (
        2,
        f"{a_file}: error: the output path is not a folder",
    )

    too_long = tmp_path / ("n" * 300)
    result = cli("generate", "--check", "-o", too_long, "features/wrapper_body.yaml")
    assert (result.exit_code, result.stderr.splitlines()[-1]) == (
        2,
        f"{too_long / 'fake'}: error: cannot read: File name too long",
    )

    out = tmp_path / "out"
    assert cli("generate", "-q", "-o", out, "features/pagination.yaml").exit_code == 0
    before = snapshot(out)
    long_name = Target("docs", ("fake", "fake.txt"), _render_long_name, "a name too long")
    result = cli("generate", "-o", out, "features/wrapper_body.yaml", target=long_name)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        f"{out / 'fake' / ('n' * 300 + '.md')}: error: cannot write: File name too long"
    )
    assert snapshot(out) == before  # and no staging debris

    (out / "fake.txt").unlink()
    (out / "fake.txt").mkdir()
    result = cli("generate", "-o", out, "features/wrapper_body.yaml")
    assert (result.exit_code, result.stderr.splitlines()[-1]) == (
        2,
        f"{out / 'fake.txt'}: error: is a folder; dxgen writes a file there",
    )
    (out / "fake.txt").rmdir()
    (out / "fake").rename(tmp_path / "moved")
    (out / "fake").write_text("a file where a folder was\n", encoding="utf-8")
    result = cli("generate", "-o", out, "features/wrapper_body.yaml")
    assert (result.exit_code, result.stderr.splitlines()[-1]) == (
        2,
        f"{out / 'fake'}: error: is a file; dxgen needs a folder there",
    )


def no_stager(*args: Any) -> None:
    raise OSError(11, "Resource temporarily unavailable")  # no process could be started


@pytest.mark.parametrize(
    ("step", "error", "message"),
    [
        ("_stage", OSError(28, "No space left on device"), "No space left on device"),
        ("_apply", OSError(30, "Read-only file system"), "Read-only file system"),
    ],
)
def test_a_failure_half_way_restores_every_file(
    cli: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    step: str,
    error: OSError,
    message: str,
) -> None:
    """Disk full while staging, a read-only file on the third change: the old tree, whole."""
    from generator import write
    from generator.write import transaction

    out = tmp_path / "out"
    assert (
        cli("generate", "-q", "-o", out, "features/pagination.yaml", target=FAKE_BEFORE).exit_code
        == 0
    )
    before = snapshot(out)
    real = getattr(transaction, step)
    calls: list[Any] = []

    def fail_third(*args: Any) -> None:
        calls.append(args)
        if len(calls) == 3:
            raise error
        real(*args)

    monkeypatch.setattr(transaction, step, fail_third)
    if step == "_stage":  # staged in this process, not by the stager beside the rendering
        monkeypatch.setattr(write._Feeder, "start", no_stager)
    result = cli("generate", "-o", out, "features/wrapper_body.yaml")
    assert result.exit_code == 2, result.output
    (line,) = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert line.startswith(str(out)) and line.endswith(f": error: cannot write: {message}")
    assert snapshot(out) == before
    assert len(calls) == 3


# -- Ctrl-C and SIGTERM: exit 130 / 143, one line, earlier output kept (issue 6.6) -------------


def _interrupted_render(api: Api) -> Iterable[tuple[str, str]]:
    yield "fake/README.md", "fine"
    raise KeyboardInterrupt


def test_ctrl_c_exits_130_and_keeps_the_output(
    cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator.write import transaction

    out = tmp_path / "out"
    assert cli("generate", "-q", "-o", out, "features/pagination.yaml").exit_code == 0
    before = snapshot(out)
    interrupted = Target("docs", ("fake", "fake.txt"), _interrupted_render, "Ctrl-C")
    result = cli("generate", "-o", out, "features/wrapper_body.yaml", target=interrupted)
    assert result.exit_code == 130
    assert result.stderr.splitlines()[-1] == (
        "dxgen: interrupted by SIGINT; the output was left as it was"
    )
    assert snapshot(out) == before

    # In the middle of the renames (the second file already replaced): rolled back.
    real = transaction._apply
    calls: list[Any] = []

    def interrupt_second(*args: Any) -> None:
        calls.append(args)
        if len(calls) == 2:
            raise generator.cli.Terminated
        real(*args)

    monkeypatch.setattr(transaction, "_apply", interrupt_second)
    result = cli("generate", "-o", out, "features/wrapper_body.yaml")
    assert result.exit_code == 143
    assert "interrupted by SIGTERM" in result.stderr
    assert snapshot(out) == before


def test_ctrl_c_past_the_commit_point_says_so_and_the_next_run_tidies_up(
    cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator.write import TXN_DIR, transaction

    out = tmp_path / "out"
    assert cli("generate", "-q", "-o", out, "features/pagination.yaml").exit_code == 0

    def interrupted(out_dir: Path, txn: Path) -> None:
        raise KeyboardInterrupt

    with monkeypatch.context() as patch:
        patch.setattr(transaction, "_finish", interrupted)
        result = cli("generate", "-o", out, "features/wrapper_body.yaml")
    assert result.exit_code == 130
    assert (
        result.stderr.splitlines()[-1] == f"dxgen: interrupted by SIGINT; after {out} was written"
    )
    assert (out / TXN_DIR / "committed.json").exists()
    new = {k: v for k, (v, _) in snapshot(out).items() if not k.startswith(TXN_DIR)}
    check = cli("generate", "--check", "-o", out, "features/wrapper_body.yaml")
    assert check.exit_code == 1
    assert check.stderr.splitlines()[1:] == [
        f"interrupted: {out / TXN_DIR} (a killed run; `dxgen generate` settles it)",
        f"dxgen: 0 file(s) out of date in {out} (targets: docs); run `dxgen generate`",
    ]
    settled = cli("generate", "-o", out, "features/wrapper_body.yaml")
    assert settled.exit_code == 0
    assert settled.stderr.splitlines()[1] == f"dxgen: finished the changes of a killed run in {out}"
    assert {k: v for k, (v, _) in snapshot(out).items()} == new


def test_issue_6_3_the_spec_inside_the_sdk_folder_survives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`mkdir -p o/sdk; cp spec.yaml o/sdk/; dxgen generate o/sdk/spec.yaml -o o -t sdk`."""
    monkeypatch.chdir(tmp_path)
    spec = Path("o/sdk/spec.json")
    spec.parent.mkdir(parents=True)
    spec.write_bytes((FIXTURES / "features/small.json").read_bytes())
    Path("o/sdk/NOTES.md").write_text("mine\n", encoding="utf-8")
    for _ in range(2):
        result = CliRunner().invoke(
            generator.cli.main, ["generate", str(spec), "-o", "o", "-t", "sdk", "-q"]
        )
        assert result.exit_code == 0, result.output
        assert sorted(result.stderr.splitlines()) == [
            "not ours, left alone: o/sdk/NOTES.md",
            "not ours, left alone: o/sdk/spec.json",
        ]
    assert spec.read_bytes() == (FIXTURES / "features/small.json").read_bytes()
    assert Path("o/sdk/NOTES.md").read_text(encoding="utf-8") == "mine\n"
    assert Path("o/sdk/.dxgen-manifest.json").exists()


@pytest.mark.parametrize("cache", ["0", "1"])
def test_the_validator_beside_generation_still_decides_strict_and_is_shown(
    tmp_path: Path, position: Any, cache: str
) -> None:
    """`generate` runs the validator beside rendering (in a child when its verdict is not in
    the cache): its warnings are still printed, located, and with --strict still stop the run
    before anything is written."""
    env = {"DXGEN_CACHE": cache, "DXGEN_CACHE_DIR": str(tmp_path / "cache")}
    spec = "bad/invalid_but_usable.yaml"
    out = tmp_path / "out"
    with pytest.MonkeyPatch.context() as patch:
        for name, value in env.items():
            patch.setenv(name, value)
        strict = run("generate", "--strict", "-o", out, spec)
        assert strict.returncode == 2, strict.stderr
        assert not out.exists()
        loose = run("generate", "-o", out, spec)
    *errors, summary = strict.stderr.splitlines()
    assert summary == "dxgen: 2 errors; nothing written"
    found = [(spec, "summery", 1), (spec, "const", 1)]
    for line, (rel, needle, occurrence) in zip(errors, found, strict=True):
        assert line.startswith("{}:{}:{}: error: ".format(rel, *position(rel, needle, occurrence)))
    assert loose.returncode == 0, loose.stderr
    warnings = [line for line in loose.stderr.splitlines() if ": warning: " in line]
    assert len(warnings) == 2 and all(LOCATED.match(line) for line in warnings)
    assert (out / "sdk").is_dir()
