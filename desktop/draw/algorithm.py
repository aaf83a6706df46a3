"""The draw itself: pools and seed in, targets and their inspectors out (see ``docs/draw.md``).

Pure functions, no database and no ``random``: the result depends on nothing but the frozen
pools and the seed, so anyone can redo it (RFC 3797's idea: rank every candidate by a hash of
the seed and the candidate's key).

- canonical JSON of a value: ``json.dumps(value, ensure_ascii=False, sort_keys=True,
  separators=(",", ":"))`` encoded as UTF-8; the pool hash is its SHA-256 (hex, lower case);
- a user's rank: SHA-256 of the UTF-8 bytes of ``seed + "\\n" + user id`` (hex); the targets
  are the ``count`` users with the lowest ranks (ties, which never happen in practice, by id);
- for each target in rank order, each inspector not related to it (the target's USCC or name
  is not in the inspector's ``avoid`` list) is ranked by SHA-256 of
  ``seed + "\\n" + user id + "\\n" + cert_no``; the ``per_target`` lowest are drawn.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

__all__ = ["ALGORITHM", "MIN_PER_TARGET", "Pools", "PoolUser", "PoolInspector", "Outcome", "Short",
           "canonical_json", "pool_hash", "sha256_hex", "user_rank", "inspector_rank", "run",
           "count_for_ratio", "related", "normalise_seed"]

ALGORITHM = "giledger-draw-1 (SHA-256 ranks, docs/draw.md)"
"""Stored with every draw: which algorithm made it."""
MIN_PER_TARGET = 2


@dataclass(frozen=True)
class PoolUser:
    """A candidate target as frozen: id, USCC, name."""

    id: str
    uscc: str
    name: str

    def to_json(self) -> dict[str, str]:
        return {"id": self.id, "uscc": self.uscc, "name": self.name}


@dataclass(frozen=True)
class PoolInspector:
    """A candidate inspector as frozen: certificate number, name, unit, enterprises to avoid."""

    cert_no: str
    name: str
    unit: str
    avoid: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {"cert_no": self.cert_no, "name": self.name, "unit": self.unit, "avoid": list(self.avoid)}


@dataclass(frozen=True)
class Pools:
    """Everything the result depends on besides the seed: the users (sorted by id), the
    inspectors (sorted by certificate number), how many targets and inspectors per target."""

    users: tuple[PoolUser, ...]
    inspectors: tuple[PoolInspector, ...]
    count: int
    per_target: int

    @classmethod
    def make(cls, users: Sequence[PoolUser], inspectors: Sequence[PoolInspector], count: int,
             per_target: int) -> Pools:
        """Sorted and de-duplicated pools (the order they were given in does not matter)."""
        u = {x.id: x for x in users}
        i = {x.cert_no: x for x in inspectors}
        return cls(tuple(u[k] for k in sorted(u)), tuple(i[k] for k in sorted(i)), count, per_target)

    def to_json(self) -> dict[str, Any]:
        return {"users": [u.to_json() for u in self.users],
                "inspectors": [i.to_json() for i in self.inspectors],
                "count": self.count, "per_target": self.per_target}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Pools:
        users = tuple(PoolUser(str(u["id"]), str(u.get("uscc") or ""), str(u.get("name") or ""))
                      for u in data.get("users", ()))
        inspectors = tuple(PoolInspector(str(i["cert_no"]), str(i.get("name") or ""), str(i.get("unit") or ""),
                                         tuple(str(a) for a in i.get("avoid") or ()))
                           for i in data.get("inspectors", ()))
        return cls(users, inspectors, int(data["count"]), int(data["per_target"]))

    @property
    def hash(self) -> str:
        return pool_hash(self)


@dataclass(frozen=True)
class Short:
    """A target with fewer eligible inspectors than the plan asks for."""

    user: PoolUser
    eligible: int


@dataclass(frozen=True)
class Outcome:
    """The result: ``targets`` in rank order, each with its inspectors' certificate numbers in
    rank order; ``short`` the targets that could not get ``per_target`` inspectors (a draw
    with any is never stored)."""

    targets: tuple[tuple[str, tuple[str, ...]], ...]
    short: tuple[Short, ...] = ()

    def to_json(self) -> list[dict[str, Any]]:
        return [{"user": u, "inspectors": list(i)} for u, i in self.targets]


def canonical_json(value: Any) -> bytes:
    """The exact bytes that are hashed: sorted keys, no spaces, UTF-8 (not \\u escapes)."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def pool_hash(pools: Pools) -> str:
    """SHA-256 (hex) of the pools' canonical JSON."""
    return hashlib.sha256(canonical_json(pools.to_json())).hexdigest()


def normalise_seed(seed: str) -> str:
    """The seed as used: leading and trailing white space removed (nothing else changes)."""
    return seed.strip()


def user_rank(seed: str, user_id: str) -> str:
    return sha256_hex(f"{seed}\n{user_id}")


def inspector_rank(seed: str, user_id: str, cert_no: str) -> str:
    return sha256_hex(f"{seed}\n{user_id}\n{cert_no}")


def related(inspector: PoolInspector, user: PoolUser) -> bool:
    """The inspector must avoid the user: its USCC or its name is on the avoid list."""
    avoid = {a.strip().upper() for a in inspector.avoid if a.strip()}
    return bool(user.uscc and user.uscc.upper() in avoid) or bool(user.name and user.name.strip().upper() in avoid)


def count_for_ratio(pool_size: int, ratio_pct: float) -> int:
    """How many targets a ratio in percent gives: rounded up (ceil), at least 1 for a non-empty
    pool and a ratio above 0, never more than the pool. (A tiny epsilon keeps 10% of 30 at 3.)"""
    if pool_size <= 0 or ratio_pct <= 0:
        return 0
    return min(pool_size, max(1, math.ceil(pool_size * ratio_pct / 100 - 1e-9)))


def run(pools: Pools, seed: str) -> Outcome:
    """Draw: the ``count`` lowest-ranked users, each with its ``per_target`` lowest-ranked
    unrelated inspectors. ``seed`` is used as given (normalise it first)."""
    ranked = sorted(pools.users, key=lambda u: (user_rank(seed, u.id), u.id))
    chosen = ranked[: min(pools.count, len(ranked))]
    targets: list[tuple[str, tuple[str, ...]]] = []
    short: list[Short] = []
    for user in chosen:
        eligible = [i for i in pools.inspectors if not related(i, user)]
        eligible.sort(key=lambda i: (inspector_rank(seed, user.id, i.cert_no), i.cert_no))
        if len(eligible) < pools.per_target:
            short.append(Short(user, len(eligible)))
        targets.append((user.id, tuple(i.cert_no for i in eligible[: pools.per_target])))
    return Outcome(tuple(targets), tuple(short))
