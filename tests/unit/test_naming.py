"""naming: one spec name spelled for each target."""

from __future__ import annotations

import pytest

from generator import naming


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("getHTTPResponse_code-2", ["get", "http", "response", "code", "2"]),
        ("listChatMembers", ["list", "chat", "members"]),
        ("sort[created_at]", ["sort", "created", "at"]),
        ("X-Request-Id", ["x", "request", "id"]),
        ("café", ["cafe"]),
        ("Привет", []),
        ("__init__", ["init"]),
        ("IOError", ["io", "error"]),
        ("", []),
    ],
)
def test_words(text: str, expected: list[str]) -> None:
    assert naming.words(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("listChats", "list_chats"),
        ("class", "class_"),
        ("from", "from_"),
        ("None", "none"),  # lower-cased: no longer a keyword
        ("True", "true"),
        ("2fa", "n2fa"),
        ("_", "value"),  # nothing left: the fallback
        ("", "value"),
        ("Привет", "value"),
        ("model_dump", "model_dump_"),
        ("json", "json_"),
        ("fields", "fields_"),
        ("str", "str_"),
        ("list", "list_"),
        ("type", "type"),  # soft keywords read fine as names
        ("match", "match"),
        ("case", "case"),
        ("self", "self"),  # only reserved where arguments are made (see parse)
        ("page-size", "page_size"),
        ("X-Request-Id", "x_request_id"),
    ],
)
def test_py_identifier(text: str, expected: str) -> None:
    assert naming.py_identifier(text) == expected


def test_py_identifier_fallback_and_extra_reserved() -> None:
    assert naming.py_identifier("", fallback="param") == "param"
    assert naming.py_identifier("client", reserved={"client"}) == "client_"
    # no fallback asked for: nothing to spell is no name (an operationId "/0" has no head)
    assert naming.py_identifier("", fallback="") == ""
    assert naming.py_identifier("--", fallback="") == ""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("user_profile", "UserProfile"),
        ("UserProfile", "UserProfile"),
        ("user-profile", "UserProfile"),
        ("class", "Class"),
        ("2fa", "N2fa"),
        ("True", "TrueModel"),  # a keyword as written
        ("none", "NoneModel"),
        ("BaseModel", "BaseModelModel"),  # what generated modules import
        ("Field", "FieldModel"),
        ("datetime", "Datetime"),
        ("", "Model"),
        ("Привет", "Model"),
    ],
)
def test_class_name(text: str, expected: str) -> None:
    assert naming.class_name(text) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("in-progress", "IN_PROGRESS"),
        ("inProgress", "IN_PROGRESS"),
        (1, "N1"),
        (-1, "MINUS_1"),
        (-1.5, "MINUS_1_5"),
        (2.5, "N2_5"),
        (True, "TRUE"),
        (False, "FALSE"),
        ("", "EMPTY"),
        ("!!!", "VALUE"),
        ("mro", "MRO_"),
        ("None", "NONE"),
    ],
)
def test_enum_member(value: object, expected: str) -> None:
    assert naming.enum_member(value) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("listChatMembers", "list-chat-members"),
        ("sort[created_at]", "sort-created-at"),
        ("page_size", "page-size"),
        ("2fa", "2fa"),
        ("_", "value"),
        ("", "value"),
    ],
)
def test_cli_name(text: str, expected: str) -> None:
    assert naming.cli_name(text) == expected


def test_anchor() -> None:
    assert naming.anchor("Create a message") == "create-a-message"
    assert naming.anchor("") == "section"


def test_unique_counts_up_and_records() -> None:
    taken = {"name"}
    assert naming.unique("name", taken) == "name_2"
    assert naming.unique("name", taken) == "name_3"
    assert naming.unique("other", taken) == "other"
    assert taken == {"name", "name_2", "name_3", "other"}
    assert naming.unique("Model", {"Model"}, separator="") == "Model2"
    assert naming.unique("list", {"list"}, separator="-") == "list-2"


def test_ascii_fold() -> None:
    assert naming.ascii_fold("naïve Ærø") == "naive r"
    assert naming.snake("Ünïcödé Name") == "unicode_name"


# -- portable file names (issue 6.7) ---------------------------------------------------------


@pytest.mark.parametrize(
    ("stem", "expected"),
    [
        ("con", "con_"),
        ("NUL", "NUL_"),
        ("com1", "com1_"),
        ("lpt9", "lpt9_"),
        ("aux.tar", "aux_.tar"),  # reserved whatever the extension
        ("console", "console"),
        ("com10", "com10"),
        ("messages", "messages"),
    ],
)
def test_portable_stem_avoids_windows_device_names(stem: str, expected: str) -> None:
    assert naming.portable_stem(stem) == expected


def test_long_stems_keep_a_prefix_and_a_stable_hash() -> None:
    long = "schema_" * 43  # 301 characters
    short = naming.portable_stem(long)
    assert len(short) <= naming.MAX_FILE_STEM
    assert short.startswith("schema_schema_")
    assert short == naming.portable_stem(long)  # the same name, the same file
    assert short != naming.portable_stem(long + "x")
    assert naming.portable_stem("a" * naming.MAX_FILE_STEM) == "a" * naming.MAX_FILE_STEM


def test_unique_file_stem_ignores_case() -> None:
    taken: set[str] = set()
    assert naming.unique_file_stem("item", taken) == "item"
    assert naming.unique_file_stem("Item", taken) == "Item_2"
    assert naming.unique_file_stem("ITEM", taken) == "ITEM_3"
    assert naming.unique_file_stem("con", taken) == "con_"
    assert naming.unique_file_stem("CON_", taken) == "CON__2"
    assert taken == {"item", "item_2", "item_3", "con_", "con__2"}


@pytest.mark.parametrize(
    ("stem", "expected"),
    [
        ("enum", "enum_api"),
        ("typing", "typing_api"),
        ("os", "os_api"),
        ("httpx", "httpx_api"),
        ("pydantic", "pydantic_api"),
        ("typing_extensions", "typing_extensions_api"),
        ("con", "con_api"),
        ("class", "class_"),
        ("pachca", "pachca"),
        ("", "client"),
    ],
)
def test_package_name_shadows_nothing(stem: str, expected: str) -> None:
    assert naming.package_name(stem) == expected


def test_dependency_list_covers_what_the_sdk_imports() -> None:
    """Every top-level module of httpx, pydantic and their requirements is in the list."""
    from importlib import metadata

    from packaging.requirements import Requirement

    seen: set[str] = set()
    todo = ["httpx", "pydantic"]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        for line in metadata.requires(name) or []:
            requirement = Requirement(line)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                todo.append(requirement.name)
    modules: set[str] = set()
    for name in seen:
        for file in metadata.files(name) or []:
            top = file.parts[0]
            if file.suffix == ".py" and not top.endswith((".dist-info", "__pycache__")):
                modules.add(top.removesuffix(".py"))
    assert modules - {".."} <= naming.SDK_DEPENDENCY_MODULES


def test_a_sign_before_a_number_is_spelled_out() -> None:
    """GitHub's reaction counts ``+1`` and ``-1`` are two names, not ``n1`` twice."""
    assert naming.py_identifier("+1") == "plus_1"
    assert naming.py_identifier("-1") == "minus_1"
    assert naming.py_identifier("1") == "n1"
    assert naming.enum_member("+1") == "PLUS_1"
    assert naming.enum_member(-2.5) == "MINUS_2_5"
    assert naming.cli_name("-1") == "minus-1"
    assert naming.py_identifier("-") == "value"  # a bare sign is no number


def test_names_that_read_as_digits_are_not_used_alone() -> None:
    """ruff's E741: ``l``, ``I`` and ``O`` read as 1 and 0 (Stripe's 3-D Secure statuses)."""
    assert naming.enum_member("I") == "I_"
    assert naming.enum_member("O") == "O_"
    assert naming.enum_member("A") == "A"
    assert naming.py_identifier("l") == "l_"
    assert naming.py_identifier("L") == "l_"
    assert naming.py_identifier("i") == "i"


@pytest.mark.parametrize(
    ("title", "words"),
    [
        ("Pachca API", ["Pachca"]),
        ("GitHub's official OpenAPI spec + Octokit extension", ["GitHub", "Octokit"]),
        ("GitHub\u2019s REST API v3", ["GitHub"]),
        ("Swagger Petstore - OpenAPI 3.0", ["Petstore"]),
        ("Kubernetes v1beta1", ["Kubernetes"]),
        ("Amazon S3", ["Amazon", "S3"]),
        (
            "Discriminator fields kept by base and derived structs",
            ["Discriminator", "fields", "kept"],
        ),
        ("3scale API", ["3scale"]),
        ("The REST API", []),
        ("Пачка API", []),
    ],
)
def test_project_words_name_the_api_with_brands_kept_whole(title: str, words: list[str]) -> None:
    assert naming.project_words(title) == words


@pytest.mark.parametrize(
    ("title", "package", "client", "command", "token_env"),
    [
        ("Pachca API", "pachca", "PachcaClient", "pachca", "PACHCA_TOKEN"),
        (
            "GitHub's official OpenAPI spec + Octokit extension",
            "github_octokit",
            "GitHubOctokitClient",
            "github-octokit",
            "GITHUB_OCTOKIT_TOKEN",
        ),
        ("OpenAI API", "openai", "OpenAIClient", "openai", "OPENAI_TOKEN"),
        (
            "Docker Engine API",
            "docker_engine",
            "DockerEngineClient",
            "docker-engine",
            "DOCKER_ENGINE_TOKEN",
        ),
        ("3scale API", "n3scale", "N3scaleClient", "n3scale", "N3SCALE_TOKEN"),
        ("API", "client", "ApiClient", "client", "CLIENT_TOKEN"),
    ],
)
def test_a_project_is_named_from_the_title(
    title: str, package: str, client: str, command: str, token_env: str
) -> None:
    from generator.config import Config, derive_project

    project = derive_project(title, Config())
    assert (project.package, project.client_class, project.command, project.token_env) == (
        package,
        client,
        command,
        token_env,
    )
    assert project.client_class.isidentifier() and project.package.isidentifier()


def test_a_configured_package_names_the_client_too() -> None:
    from generator.config import Config, derive_project

    project = derive_project("GitHub v3 REST API", Config(values={"package": "gh"}))
    assert (project.package, project.client_class, project.command) == ("gh", "GhClient", "gh")
