"""Every real-world spec, all five targets, checked as a user would.

``python -m tests.corpus_table``; ``make corpus`` runs it. For each spec — ours, every
document of ../shared/corpus (when it is there) and the public specs ``make bench`` fetches
into the git-ignored .bench-cache/ (the benchmark specs of openapi-spec-validator's source
distribution: petstore, Docker, Stripe, Kubernetes, GitHub; GitHub's description as
``@octokit/openapi`` ships it) — it generates the full kit with ``dxgen generate`` into
.bench-cache/corpus-table/, then:

- installs the SDK and the CLI (pip, ``--no-deps``, into a folder of their own) and imports
  every module of both;
- runs ``ruff check`` and ``black --check`` over both, and ``mypy --strict`` over both
  packages (the CLI reading the SDK's types);
- parses ``llms.txt`` with the ``llms-txt`` reference parser and counts docs pages and skills.

It prints one markdown table row per spec as it goes, then the table. This is too slow for
``make test`` (mypy over GitHub's 6,000-file SDK alone takes minutes); the tests check the same
things on our spec, the fixtures and the shared corpus.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tests.bench_kit import (
    CACHE,
    OCTOKIT,
    ROOT,
    VALIDATOR_DEFAULT,
    VALIDATOR_FULL,
    grid,
    measured,
    octokit_spec,
    validator_specs,
)
from tests.corpus import CORPUS, corpus_documents

BIN = Path(sys.executable).parent
WORK = CACHE / "corpus-table"
TIMEOUT = 3600


@dataclass
class Row:
    label: str
    cells: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def mark(self, column: str, ok: bool, detail: str = "", problem: str = "") -> None:
        self.cells[column] = ("yes" if ok else "**no**") + (f" ({detail})" if detail else "")
        if not ok and problem:
            self.problems.append(f"{column}: {problem.strip()[-1500:]}")


COLUMNS = (
    "generated",
    "s",
    "MiB",
    "files",
    "warnings",
    "installs",
    "imports",
    "ruff",
    "black",
    "mypy --strict",
    "llms.txt",
)


def _run(
    args: Sequence[str], cwd: Path | None = None, **env: str
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        list(args),
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        env={**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1", **env},
    )


_IMPORT_ALL = """
import importlib, pkgutil, sys
count = 0
for top in sys.argv[1:]:
    package = importlib.import_module(top)
    for module in pkgutil.walk_packages(package.__path__, top + "."):
        importlib.import_module(module.name)
        count += 1
print(count)
"""


def _packages(project: Path) -> list[str]:
    """The import packages under ``project/src``."""
    return sorted(p.name for p in (project / "src").iterdir() if (p / "__init__.py").is_file())


def check(label: str, spec: Path) -> Row:
    row = Row(label)
    out = WORK / label.replace("/", "-")
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    log = out.parent / f"{out.name}.log"
    cmd = [str(BIN / "dxgen"), "generate", str(spec), "-o", str(out / "kit")]
    ran = measured(cmd, cwd=out, env={**os.environ, "DXGEN_CACHE": "0"}, stderr=log)
    text = log.read_text(encoding="utf-8", errors="replace")
    row.mark("generated", ran.rc == 0, "" if ran.rc == 0 else f"exit {ran.rc}", text[-1500:])
    row.cells["s"] = f"{ran.wall:.1f}"
    row.cells["MiB"] = f"{ran.peak_mib:.0f}"
    row.cells["warnings"] = str(text.count(": warning: "))
    kit = out / "kit"
    row.cells["files"] = str(sum(1 for p in kit.rglob("*") if p.is_file())) if kit.is_dir() else "0"
    if ran.rc != 0:
        return row
    sdk, cli = kit / "sdk", kit / "cli"
    site = out / "site"
    installed = _run(
        [str(BIN / "python"), "-m", "pip", "install", "--quiet", "--no-deps",
         "--no-build-isolation", "--no-index", "--target", str(site), str(sdk), str(cli)],
    )  # fmt: skip
    row.mark("installs", installed.returncode == 0, problem=installed.stderr)
    if installed.returncode != 0:
        return row
    packages = _packages(sdk) + _packages(cli)
    imported = _run([str(BIN / "python"), "-c", _IMPORT_ALL, *packages], PYTHONPATH=str(site))
    row.mark(
        "imports",
        imported.returncode == 0,
        imported.stdout.strip() + " modules" if imported.returncode == 0 else "",
        imported.stderr,
    )
    for column, args in (
        ("ruff", [str(BIN / "ruff"), "check", "--quiet", "."]),
        ("black", [str(BIN / "black"), "--check", "--quiet", "."]),
    ):
        results = [_run(args, cwd=project) for project in (sdk, cli)]
        failed = [r for r in results if r.returncode != 0]
        row.mark(column, not failed, problem="\n".join(r.stdout + r.stderr for r in failed))
    typed = _run(
        [str(BIN / "python"), "-m", "mypy", "--strict", "--python-version", "3.11",
         "--cache-dir", str(out / ".mypy_cache"),
         *(str(sdk / "src" / p) for p in _packages(sdk)),
         *(str(cli / "src" / p) for p in _packages(cli))],
        MYPYPATH=str(sdk / "src"),
    )  # fmt: skip
    row.mark("mypy --strict", typed.returncode == 0, problem=typed.stdout)
    llms = _run(
        [str(BIN / "python"), "-c",
         "import sys, llms_txt; d = llms_txt.parse_llms_file(open(sys.argv[1]).read());"
         " print(sum(len(v) for v in d['sections'].values()))", str(kit / "llms.txt")],
    )  # fmt: skip
    row.mark(
        "llms.txt",
        llms.returncode == 0,
        llms.stdout.strip() + " links" if llms.returncode == 0 else "",
        llms.stderr,
    )
    return row


def specs(full: bool, only: Sequence[str]) -> list[tuple[str, Path]]:
    found = [("pachca (ours)", ROOT / "spec" / "pachca.yaml")]
    if CORPUS.is_dir():
        found += [(f"corpus/{p.relative_to(CORPUS)}", p) for p in corpus_documents()]
    names = [*VALIDATOR_DEFAULT, "docker.yaml", *(VALIDATOR_FULL if full else ())]
    found += [(f"osv/{p.name}", p) for p in validator_specs(CACHE, names)]
    if full and (github := octokit_spec(CACHE)) is not None:
        found.append((f"octokit/{OCTOKIT.rpartition('@')[2]}/api.github.com", github))
    if only:
        found = [(label, path) for label, path in found if any(o in label for o in only)]
    return found


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--full",
        action="store_true",
        default=os.environ.get("BENCH_FULL") == "1",
        help="add GitHub's, Stripe's and Kubernetes' specs (BENCH_FULL=1)",
    )
    parser.add_argument("only", nargs="*", help="only the specs whose label contains one of these")
    args = parser.parse_args(argv)
    rows: list[Row] = []
    for label, path in specs(args.full, args.only):
        print(f"corpus-table: {label} …", file=sys.stderr, flush=True)
        row = check(label, path)
        rows.append(row)
        print("| " + " | ".join([label, *(row.cells.get(c, "-") for c in COLUMNS)]) + " |")
        for problem in row.problems:
            print(f"    {problem}".replace("\n", "\n    "), file=sys.stderr)
    print()
    print(
        grid(["spec", *COLUMNS], [[r.label, *(r.cells.get(c, "-") for c in COLUMNS)] for r in rows])
    )
    clean = sum(1 for r in rows if not r.problems and r.cells.get("llms.txt"))
    print(f"\n{clean} of {len(rows)} specs: generated, installed, imported and type-check clean")
    return 0 if clean == len(rows) else 1


if __name__ == "__main__":
    sys.exit(main())
