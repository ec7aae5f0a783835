"""``guide [QUERY]``: the API's workflows (``workflows.yaml``), found by words, each step
printed as a command to run.

A step's command uses ``$NAME`` shell variables for the workflow's inputs and for what
earlier steps print (``USER_ID: .[0].id`` is the jq path in that step's ``-o json`` output).
"""

from __future__ import annotations

import re
from typing import Any

import click

from ..._project import COMMAND
from .._errors import NOT_FOUND, CliError
from . import BUILTIN_HELP
from ._base import catalog, complete_workflows, emit, run_context, with_globals

SHOWN = 3  # workflows printed in full for one query; the rest are listed
_STOP_WORDS = frozenset({"a", "an", "and", "the", "to", "in", "of", "for", "on", "with", "my"})
_WORD = re.compile(r"[\w:]+")


def _words(text: str) -> list[str]:
    return [w for w in _WORD.findall(text.lower()) if w not in _STOP_WORDS]


def _matches(word: str, candidates: list[str]) -> bool:
    """``word`` is a candidate, or one starts the other (``send`` / ``sending``)."""
    return any(
        word == c or (min(len(word), len(c)) >= 4 and (c.startswith(word) or word.startswith(c)))
        for c in candidates
    )


def score(workflow: dict[str, Any], query: str) -> int:
    """How well a workflow matches: 3 a keyword, 2 a word of the title, 1 of the rest."""
    keywords = [k.lower() for k in workflow["keywords"]] + _words(workflow["id"].replace("-", " "))
    title = _words(workflow["title"])
    rest = _words(workflow["description"])
    total = 0
    for word in _words(query):
        if _matches(word, keywords):
            total += 3
        if _matches(word, title):
            total += 2
        if _matches(word, rest):
            total += 1
    return total


def find(query: str) -> list[dict[str, Any]]:
    """The workflows for ``query``, best first: the one with that id, else those scoring."""
    workflows: tuple[dict[str, Any], ...] = catalog().WORKFLOWS
    exact = [w for w in workflows if w["id"] == query.strip()]
    if exact:
        return exact
    scored = [(score(w, query), index, w) for index, w in enumerate(workflows)]
    return [w for s, _, w in sorted(scored, key=lambda t: (-t[0], t[1])) if s > 0]


def workflow_text(workflow: dict[str, Any]) -> str:
    lines = [f"{workflow['title']}  ({workflow['id']})"]
    if workflow["description"]:
        lines.append(workflow["description"])
    if workflow["inputs"]:
        lines += ["", "Inputs (set these shell variables first):"]
        width = max(len(name) for name, _ in workflow["inputs"])
        lines += [f"  {name:<{width}}  {text}" for name, text in workflow["inputs"]]
    for number, step in enumerate(workflow["steps"], 1):
        lines += ["", f"{number}. {step['description']}", f"   {step['command']}"]
        for name, jq_path, api_path in step["outputs"]:
            where = f"{jq_path} in its -o json output" if jq_path else f"{api_path} in the answer"
            lines.append(f"   -> {name}: {where}")
    return "\n".join(lines)


@click.command("guide", short_help=BUILTIN_HELP["guide"])
@click.argument("query", nargs=-1, shell_complete=complete_workflows)
def command(query: tuple[str, ...]) -> None:
    """Find how to do something: workflows, each step a command to run.

    With no QUERY, lists every workflow; with an id, shows that one; else shows the best
    matches for the words of QUERY (e.g. `guide send file`).
    """
    obj = run_context()
    text = " ".join(query).strip()
    if not text:
        rows = [
            {"id": w["id"], "title": w["title"], "description": w["description"]}
            for w in catalog().WORKFLOWS
        ]
        emit(obj, rows, ("id", "title"))
        return
    found = find(text)
    if not found:
        raise CliError(
            f"no workflow matches {text!r}",
            NOT_FOUND,
            f"`{COMMAND} guide` lists them all; `{COMMAND} api ls {text.split()[0]}` "
            "searches the operations",
        )
    if obj.output_format != "table":
        emit(obj, found)
        return
    click.echo("\n\n".join(workflow_text(w) for w in found[:SHOWN]))
    if len(found) > SHOWN:
        click.echo("\nAlso:")
        for workflow in found[SHOWN:]:
            click.echo(f"  {COMMAND} guide {workflow['id']}  # {workflow['title']}")


with_globals(command)
