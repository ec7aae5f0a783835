"""Retry rules: what is retried and how long to wait."""

from __future__ import annotations

import datetime
import email.utils
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass

__all__ = [
    "IDEMPOTENT_METHODS",
    "RetryPolicy",
    "parse_retry_after",
    "should_retry_exception",
    "should_retry_status",
]

IDEMPOTENT_METHODS: frozenset[str] = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """Backoff parameters (a client class may override ``_retry_policy``).

    The n-th retry (n = 0, 1, …) waits ``min(initial_delay * multiplier**n, max_delay)``
    seconds, scaled by a random factor in ``[1 - jitter, 1 + jitter]`` and capped at
    ``max_delay``, unless the response carries ``retry-after-ms`` / ``Retry-After``: a wait
    of at most ``max_retry_after`` seconds is then used as is, and a longer one means the
    request is not retried at all (the caller gets the error, with ``retry_after``, at once,
    instead of hammering a server that asked to be left alone).  ``max_retry_after`` is the
    default of the clients' ``max_retry_after=`` argument.
    """

    initial_delay: float = 0.5
    multiplier: float = 2.0
    max_delay: float = 8.0
    jitter: float = 0.25
    max_retry_after: float = 60.0

    def backoff(self, retry_index: int, random: Callable[[], float]) -> float:
        base = min(self.initial_delay * self.multiplier**retry_index, self.max_delay)
        factor = 1.0 + self.jitter * (2.0 * random() - 1.0)
        return max(0.0, min(base * factor, self.max_delay))

    def delay(
        self,
        retry_index: int,
        headers: Mapping[str, str] | None,
        random: Callable[[], float],
        now: float | None = None,
        *,
        max_retry_after: float | None = None,
    ) -> float | None:
        """Seconds to wait before retry number ``retry_index`` (0-based), or ``None`` when
        the server asked for more than ``max_retry_after`` (default: the policy's) seconds
        and the request must not be retried."""
        cap = self.max_retry_after if max_retry_after is None else max_retry_after
        if headers is not None:
            retry_after = parse_retry_after(headers, now=now)
            if retry_after is not None:
                return retry_after if retry_after <= cap else None
        return self.backoff(retry_index, random)


def should_retry_status(method: str, status_code: int) -> bool:
    """429 is retried for every method; 408 and 5xx only for idempotent methods."""
    if status_code == 429:
        return True
    if method.upper() not in IDEMPOTENT_METHODS:
        return False
    return status_code == 408 or status_code >= 500


def should_retry_exception(method: str) -> bool:
    """Connection errors and timeouts are retried only for idempotent methods."""
    return method.upper() in IDEMPOTENT_METHODS


def parse_retry_after(headers: Mapping[str, str], *, now: float | None = None) -> float | None:
    """Seconds requested by ``retry-after-ms`` or ``Retry-After`` (seconds or HTTP date).

    Returns ``None`` when neither header is present or parseable; negative values become 0.
    """
    lowered = {key.lower(): value for key, value in headers.items()}
    raw_ms = lowered.get("retry-after-ms")
    if raw_ms is not None:
        try:
            value = float(raw_ms.strip())
        except ValueError:
            pass
        else:
            if value == value:  # not NaN
                return max(0.0, value / 1000.0)
    raw = lowered.get("retry-after")
    if raw is None:
        return None
    raw = raw.strip()
    try:
        seconds = float(raw)
    except ValueError:
        pass
    else:
        return max(0.0, seconds) if seconds == seconds else None
    try:
        parsed = email.utils.parsedate_to_datetime(raw)
    except (TypeError, ValueError, IndexError):
        return None
    if parsed is None:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=datetime.UTC)
    current = time.time() if now is None else now
    return max(0.0, parsed.timestamp() - current)
