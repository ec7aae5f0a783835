"""The state of one run (click's ``ctx.obj``): the global flags, and the SDK client they make."""

from __future__ import annotations

import importlib
import os
import sys
from typing import TYPE_CHECKING, Any

from .._project import CLIENT_CLASS, COMMAND, ENV_PREFIX, SDK_PACKAGE
from ._errors import USAGE, CliError

if TYPE_CHECKING:
    import httpx

OUTPUTS = ("table", "json", "yaml", "csv", "jsonl")


class CliContext:
    """Global flags of the run (set on the root group or on any command) and the client.

    ``output`` is ``None`` until chosen: :attr:`output_format` is then ``table`` on a
    terminal and ``json`` otherwise. (A plain class, not a dataclass: nothing to import.)
    """

    def __init__(self, env: dict[str, str] | None = None) -> None:
        self.output: str | None = None
        self.columns: tuple[str, ...] = ()
        self.token: str | None = None
        self.profile: str | None = None
        self.base_url: str | None = None
        self.timeout: float | None = None
        self.no_retry = False
        self.verbose = False
        self.dry_run = False
        self.quiet = False
        self.no_color = False
        self.yes = False
        self.env: dict[str, str] = dict(os.environ) if env is None else env
        # file names the SDK will send, and the paths they came from (for --dry-run's curl)
        self.file_paths: dict[str, str] = {}
        self._client: Any = None
        self._http: Any = None

    @property
    def output_format(self) -> str:
        if self.output is None:  # else the profile's default (`config set output`), read once
            from ._config import configured_output

            self.output = configured_output(profile=self.profile, env=self.env) or ""
        if self.output:
            return self.output
        return "table" if sys.stdout.isatty() else "json"

    @property
    def json_output(self) -> bool:
        return self.output_format in ("json", "jsonl")

    @property
    def color(self) -> bool:
        """Colour only on a terminal, and never with ``--no-color`` or ``NO_COLOR`` set."""
        return not self.no_color and not self.env.get("NO_COLOR") and sys.stdout.isatty()

    def credentials(self) -> Any:
        from ._config import resolve_credentials

        return resolve_credentials(
            token=self.token, profile=self.profile, base_url=self.base_url, env=self.env
        )

    def client(self) -> Any:
        """The SDK client for this run, made once: token and base URL from
        :func:`_config.resolve_credentials`, the HTTP client carrying ``--verbose`` and
        ``--dry-run``."""
        if self._client is not None:
            return self._client
        creds = self.credentials()
        token = creds.token
        if not token:
            if not self.dry_run:
                raise CliError(
                    "no API token",
                    3,
                    f"pass --token, set {ENV_PREFIX}_TOKEN, or run `{COMMAND} auth login`",
                )
            token = "DRY-RUN"
        _quiet_sdk_logger(verbose=self.verbose)
        module = importlib.import_module(SDK_PACKAGE)
        client_class = getattr(module, CLIENT_CLASS)
        from ._http import make_http_client

        timeout = self.timeout if self.timeout is not None else 60.0
        self._http = make_http_client(self, timeout=timeout, token=token)
        kwargs: dict[str, Any] = {
            "base_url": creds.base_url,
            "timeout": timeout,
            "http_client": self._http,
        }
        if self.no_retry or self.dry_run:
            kwargs["max_retries"] = 0
        try:
            self._client = client_class(token, **kwargs)
        except Exception as exc:
            if type(exc).__name__ == "ConfigurationError":
                raise CliError(str(exc), USAGE) from exc
            raise
        return self._client

    def close(self) -> None:
        http: httpx.Client | None = self._http
        if http is not None:
            http.close()


def _quiet_sdk_logger(*, verbose: bool) -> None:
    """The SDK logs through the ``logging`` module: its records (a retry, a response that
    does not match its schema) reach stderr with ``--verbose`` only; its request and response
    lines are left out there, ``_http`` prints its own."""
    import logging

    logger = logging.getLogger(SDK_PACKAGE)
    logger.propagate = False
    if logger.handlers:
        return
    if not verbose:
        logger.addHandler(logging.NullHandler())
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("* %(message)s"))
    handler.addFilter(lambda record: not record.getMessage().startswith("HTTP re"))
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
