"""Error models are mapped once per client; an operation names its own only where a status it
documents would otherwise be parsed into other models (tests/fixtures/features/responses)."""

from __future__ import annotations

import re
from pathlib import Path

from generator.config import Config
from generator.pipeline import build_api, render_targets
from generator.targets import available_targets

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "features" / "responses.yaml"


def _sdk() -> dict[str, str]:
    built = build_api(FIXTURE, Config(), workflows=None, strict=False, use_config_names=False)
    rendered = render_targets(built.api, [available_targets()["sdk"]])
    return {path: data.decode() for path, data in rendered.items() if path.endswith(".py")}


def test_client_maps_each_status_once_and_operations_only_differences() -> None:
    files = _sdk()
    client = files["sdk/src/responses/_client.py"]
    mapping = client[
        client.index("    return {") : client.index("    }", client.index("    return {"))
    ]
    assert re.findall(r"(\S+): (\w+),", mapping) == [
        ("400", "ValidationErrors"),
        ("403", "ApiError"),
        ("404", "NotFound"),
        ('"4XX"', "ApiError"),
        ('"default"', "ApiError"),
    ]
    assert client.count("return _error_models()") == 2  # sync and async client
    resources = "".join(text for path, text in files.items() if "/resources/" in path)
    emitted = sorted(set(re.findall(r"error_models=\{[^}]*\}", resources)))
    # A 400 would be ValidationErrors under the client's map: this operation says ApiError.
    # The other documents 400 alone: the client's map would try ApiError after it.
    assert emitted == [
        "error_models={400: ValidationErrors}",
        'error_models={404: NotFound, "4XX": ApiError, "default": ApiError}',
    ]
    total = len(re.findall(r"self\._client\.request", resources))
    assert resources.count("error_models=") < total  # the others rely on the client's


def test_the_statuses_checked_are_every_status_some_model_answers() -> None:
    """An operation's error models are compared with the client's only at the statuses its
    keys can answer (codes, ranges, ``default``): none that one of them answers is skipped."""
    import random

    from generator.ir import TypeRef
    from generator.targets.sdk.services import _resolve, _statuses_named

    keys: list[int | str] = [400, 404, "404", "422", "4XX", "4xx", "5XX", "default", "2XX", 599]
    chance = random.Random(3)
    for _ in range(300):
        models = {
            key: TypeRef(kind="ref", ref=f"M{chance.randrange(3)}")
            for key in chance.sample(keys, chance.randrange(0, 4))
        }
        answered = [s for s in range(400, 600) if _resolve(models, s)]
        assert set(answered) <= set(_statuses_named(models)), models
