"""A status test of several coded values in SQL: ``column IN (?, ...)`` and its parameters.

The queries that count authorised mark users take the statuses that count (已核准 and
列入异常名录: a user on the abnormal list has not lost its authorisation); a caller may still
pass one code as a plain string."""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["codes_of", "status_in"]


def codes_of(codes: str | Sequence[str]) -> tuple[str, ...]:
    """``codes`` as a tuple (one string is one code)."""
    return (codes,) if isinstance(codes, str) else tuple(codes)


def status_in(column: str, codes: str | Sequence[str]) -> tuple[str, list[str]]:
    """``(column IN (?, ...), [codes])``; a column name is written as given (the caller's
    own SQL, never a clerk's text)."""
    values = codes_of(codes)
    if not values:
        raise ValueError("status_in needs at least one code")
    return f"{column} IN ({', '.join('?' for _ in values)})", list(values)
