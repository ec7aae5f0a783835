"""Run settings: ``dxgen.toml`` (or ``[tool.dxgen]`` in pyproject.toml) in the working folder.

Whatever is not configured is derived from the spec's ``info.title``: ``Pachca API`` gives
package ``pachca``, client ``PachcaClient``, command ``pachca`` and ``PACHCA_TOKEN``;
``GitHub's official OpenAPI spec + Octokit extension`` gives ``github_octokit`` and
``GitHubOctokitClient`` (see :func:`naming.project_words`).
"""

from __future__ import annotations

import keyword
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import naming
from .diagnostics import Location, SpecError, error
from .ir import Project

#: The settings dxgen.toml (or ``[tool.dxgen]``) may hold.
KNOWN_KEYS = frozenset(
    {
        "spec", "workflows", "output", "package", "client", "command", "env_prefix",
        "docs_base_url", "skill_grouping", "distribution", "ref_root", "skills", "doc_links",
    }
)  # fmt: skip


@dataclass(frozen=True)
class Config:
    values: dict[str, Any] = field(default_factory=dict)
    path: Path | None = None
    base_dir: Path = field(default_factory=Path.cwd)

    def get(self, key: str) -> Any:
        return self.values.get(key)

    @property
    def ref_root(self) -> Path | None:
        """A folder, besides the spec's own, that ``$ref``s may read files from."""
        return self.path_of("ref_root")

    def path_of(self, key: str) -> Path | None:
        value = self.values.get(key)
        if not value:
            return None
        return (self.base_dir / str(value)).resolve()


def config_candidates(explicit: Path | None = None, cwd: Path | None = None) -> list[Path]:
    """The files :func:`load_config` reads its settings from, the first that has them."""
    base = cwd or Path.cwd()
    return [explicit] if explicit else [base / "dxgen.toml", base / "pyproject.toml"]


def load_config(explicit: Path | None = None, cwd: Path | None = None) -> Config:
    for candidate in config_candidates(explicit, cwd):
        if not candidate.is_file():
            if explicit is not None:
                raise SpecError([error("config file not found", Location(str(explicit)))])
            continue
        try:
            data = tomllib.loads(candidate.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise SpecError([error(f"invalid TOML: {exc}", Location(str(candidate)))]) from None
        if candidate.name == "pyproject.toml" and explicit is None:
            data = data.get("tool", {}).get("dxgen")
            if not isinstance(data, dict):
                continue
        elif "tool" in data and isinstance(data["tool"], dict) and "dxgen" in data["tool"]:
            data = data["tool"]["dxgen"]
        unknown = sorted(set(data) - KNOWN_KEYS)
        if unknown:
            raise SpecError(
                [error(f"unknown setting(s): {', '.join(unknown)}", Location(str(candidate)))]
            )
        if "ref_root" in data and not isinstance(data["ref_root"], str):
            raise SpecError(
                [error("`ref_root` must be a folder path (a string)", Location(str(candidate)))]
            )
        problems = [problem for key in _NAME_RULES if (problem := _name_problem(data, key))]
        problems.extend(_skills_problems(data.get("skills", {})))
        problems.extend(_links_problems(data))
        problems.extend(_grouping_problems(data))
        if problems:
            raise SpecError([error(problem, Location(str(candidate))) for problem in problems])
        return Config(dict(data), candidate, candidate.parent)
    return Config({}, None, cwd or Path.cwd())


# Settings that name generated things: what each must look like, in words and as a pattern.
_NAME_RULES: dict[str, tuple[str, re.Pattern[str]]] = {
    "package": ("a lower-case Python identifier", re.compile(r"[a-z_][a-z0-9_]*")),
    "client": ("a Python class name", re.compile(r"[A-Za-z_][A-Za-z0-9_]*")),
    "command": ("a command name (a-z, 0-9, -)", re.compile(r"[a-z0-9][a-z0-9-]*")),
    "env_prefix": ("a variable name prefix (A-Z, 0-9, _)", re.compile(r"[A-Z][A-Z0-9_]*")),
    "distribution": (
        "a distribution name (letters, digits, . _ -)",
        re.compile(r"[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?"),
    ),
}


def _name_problem(data: dict[str, Any], key: str) -> str | None:
    """Why the configured ``key`` cannot name what it names, or ``None`` when it can."""
    if key not in data:
        return None
    value = data[key]
    what, pattern = _NAME_RULES[key]
    if not isinstance(value, str) or not pattern.fullmatch(value):
        return f"`{key}` must be {what}, not {value!r}"
    if key in ("package", "client") and keyword.iskeyword(value):
        return f"`{key}` {value!r} is a Python keyword"
    if key == "package" and (
        naming.shadows_a_module(value) or value.lower() in naming.WINDOWS_DEVICE_NAMES
    ):
        return f"`package` {value!r} would shadow a module of that name (or a device name)"
    return None


# A skill's short name: lower-case words joined by single hyphens (the Agent Skills rule).
SKILL_NAME = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
_SKILL_KEYS = {"tags", "triggers", "not_for", "workflows"}


def _skills_problems(skills: Any) -> list[str]:
    """Why ``[skills.<name>]`` tables cannot group skills (their shape; tags are checked
    against the spec by the parser)::

        [skills.messages]
        tags = ["Messages", "Threads"]            # the services it covers
        triggers = ["send or edit a message"]     # tasks it is for
        not_for = { "creating a chat" = "chats" } # a task it is not for → the skill for it
        workflows = ["archive-chat"]              # workflows it holds (else: where most of
                                                  # their writing steps are)
    """
    if not isinstance(skills, dict):
        return ["`skills` must be a table of `[skills.<name>]` tables"]
    problems: list[str] = []
    for name, table in skills.items():
        where = f"`[skills.{name}]`"
        if not SKILL_NAME.fullmatch(name) or len(name) > 40:
            problems.append(f"{where}: a skill name is lower-case words joined by hyphens")
        if not isinstance(table, dict):
            problems.append(f"{where} must be a table")
            continue
        unknown = sorted(set(table) - _SKILL_KEYS)
        if unknown:
            problems.append(f"{where}: unknown key(s) {', '.join(unknown)}")
        for key in ("tags", "triggers", "workflows"):
            value = table.get(key, [])
            if not isinstance(value, list) or not all(
                isinstance(item, str) and item.strip() for item in value
            ):
                problems.append(f"{where}: `{key}` must be a list of non-empty strings")
        if not table.get("tags"):
            problems.append(f"{where}: `tags` names at least one tag of the spec")
        not_for = table.get("not_for", {})
        if not isinstance(not_for, dict) or not all(
            isinstance(skill, str) and SKILL_NAME.fullmatch(skill) for skill in not_for.values()
        ):
            problems.append(f"{where}: `not_for` maps a task to the name of another skill")
    return problems


def _grouping_problems(data: dict[str, Any]) -> list[str]:
    """``skill_grouping``: "service" (a skill per tag not in a ``[skills]`` table, the
    default) or "single" (those tags share one skill, ``<command>-api``)."""
    grouping = data.get("skill_grouping", "service")
    if grouping not in ("service", "single"):
        return [f'`skill_grouping` is "service" or "single", not {grouping!r}']
    return []


def _links_problems(data: dict[str, Any]) -> list[str]:
    """``doc_links``: how llms.txt and the skills link docs pages — relative to the output
    folder ("relative", the default) or under ``docs_base_url`` ("absolute")."""
    links = data.get("doc_links", "relative")
    if links not in ("relative", "absolute"):
        return [f'`doc_links` is "relative" or "absolute", not {links!r}']
    if links == "absolute" and not str(data.get("docs_base_url") or "").strip():
        return ['`doc_links = "absolute"` needs `docs_base_url`']
    return []


def derive_project(title: str, config: Config, *, use_config_names: bool = True) -> Project:
    values = config.values if use_config_names else {}
    title_words = naming.project_words(title)
    configured = values.get("package")
    stem = "_".join(word.lower() for word in title_words) or "client"
    package = str(configured or naming.package_name(stem, fallback="client"))
    # the title's own capitals where they make a class name (GitHubClient, OpenAIClient)
    base_class = naming.pascal_of(title_words)
    if configured or (title_words and not base_class.isidentifier()):
        base_class = naming.pascal(package)
    base_class = base_class or "Api"
    client = str(values.get("client") or f"{base_class}Client")
    env_prefix = str(values.get("env_prefix") or naming.upper_snake(package))
    command = str(values.get("command") or naming.kebab(package) or "api")
    return Project(
        package=package,
        client_class=client,
        async_client_class="Async" + client,
        command=command,
        env_prefix=env_prefix,
        token_env=f"{env_prefix}_TOKEN",
        base_url_env=f"{env_prefix}_BASE_URL",
        distribution=str(values.get("distribution") or naming.kebab(package)),
        cli_package=f"{package}_cli",
        cli_distribution=f"{command}-cli",
        docs_base_url=str(values.get("docs_base_url") or "").rstrip("/"),
        skill_grouping=str(values.get("skill_grouping") or "service"),
        absolute_doc_links=values.get("doc_links") == "absolute",
    )
