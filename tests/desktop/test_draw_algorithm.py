"""The draw's algorithm (desktop.draw.algorithm): deterministic, equal to docs/draw.md's worked
example and its ten-line reference, exclusions respected, selection uniform."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

import pytest

import desktop
from desktop.draw.algorithm import (
    PoolInspector,
    Pools,
    PoolUser,
    canonical_json,
    count_for_ratio,
    pool_hash,
    related,
    run,
    user_rank,
)

DOC = Path(desktop.__file__).resolve().parent.parent / "docs" / "draw.md"
CHI2_9DF_P001 = 27.877
"""chi-square critical value, 9 degrees of freedom, p = 0.001 (scipy.stats.chi2.ppf(0.999, 9))."""


def _doc() -> str:
    return DOC.read_text(encoding="utf-8")


def _blocks(lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", _doc(), re.S)


def _example() -> tuple[dict[str, Any], str, str, list[dict[str, Any]]]:
    text = _doc()
    pools = json.loads(_blocks("json")[0])
    seed_match = re.search(r"Seed: `([^`]+)`", text)
    hash_match = re.search(r"Pool hash[^\n]*\n`([0-9a-f]{64})`", text)
    assert seed_match and hash_match
    seed, digest = seed_match.group(1), hash_match.group(1)
    result = json.loads(_blocks("text")[0])
    return pools, seed, digest, result


def test_the_worked_example_is_what_the_program_computes() -> None:
    pools_json, seed, digest, result = _example()
    pools = Pools.from_json(pools_json)
    assert canonical_json(pools.to_json()).decode("utf-8") == _blocks("json")[0].strip()
    assert hashlib.sha256(_blocks("json")[0].strip().encode("utf-8")).hexdigest() == digest
    assert pool_hash(pools) == digest
    assert run(pools, seed).to_json() == result
    # every rank printed in the tables is right
    text = _doc()
    for uid, rank in re.findall(r"\| (U-130125-\d{6}) \| `([0-9a-f]{64})` \|", text):
        assert user_rank(seed, uid) == rank
    checked = 0
    for section in text.split("Inspectors of ")[1:]:
        uid = section.split()[0].rstrip(",:")
        for cert, rank in re.findall(r"\| (\d{14}) \| `([0-9a-f]{64})` \|", section):
            assert hashlib.sha256(f"{seed}\n{uid}\n{cert}".encode()).hexdigest() == rank
            checked += 1
    assert checked == 8


def test_the_ten_line_reference_gives_the_same_result() -> None:
    code = _blocks("python")[0]
    assert len(code.strip().splitlines()) <= 10
    scope: dict[str, Any] = {}
    exec(code, scope)  # our own documentation's reference code
    pools_json, seed, digest, result = _example()
    assert scope["draw"](pools_json, seed) == (digest, result)
    # and on other pools and seeds, the same as the implementation
    for n in range(30):
        pools = _pools(8 + n % 5, 5, count=3, per_target=2, avoid_every=3)
        seed_n = f"seed {n}"
        assert scope["draw"](pools.to_json(), seed_n) == (pools.hash, run(pools, seed_n).to_json())


def _pools(users: int, inspectors: int, *, count: int, per_target: int = 2, avoid_every: int = 0) -> Pools:
    us = [PoolUser(f"U-130125-{i:06d}", f"91130125MA{i:08d}", f"企业{i}") for i in range(1, users + 1)]
    ins = [PoolInspector(f"1301252026{j:04d}", f"检查员{j}", "股",
                         (f"企业{j}", f"91130125MA{j + 1:08d}") if avoid_every and j % avoid_every == 0 else ())
           for j in range(1, inspectors + 1)]
    return Pools.make(us, ins, count, per_target)


def test_same_pools_and_seed_same_result_whatever_the_order() -> None:
    a = _pools(20, 6, count=4)
    b = Pools.make(list(reversed(a.users)), list(reversed(a.inspectors)), 4, 2)
    assert a == b and a.hash == b.hash
    assert run(a, "2026-12-01") == run(b, "2026-12-01")
    assert run(a, "2026-12-01") != run(a, "2026-12-02")


def test_no_inspector_for_a_related_enterprise_and_at_least_two() -> None:
    pools = _pools(12, 6, count=12, per_target=2, avoid_every=2)
    users = {u.id: u for u in pools.users}
    insp = {i.cert_no: i for i in pools.inspectors}
    for n in range(200):
        outcome = run(pools, f"s{n}")
        assert not outcome.short
        for uid, certs in outcome.targets:
            assert len(certs) == 2 and len(set(certs)) == 2
            assert not any(related(insp[c], users[uid]) for c in certs)


def test_a_target_with_too_few_unrelated_inspectors_is_reported() -> None:
    us = [PoolUser("U-1", "91130125MA00000001", "甲公司")]
    ins = [PoolInspector("A", "张", "", ("甲公司",)), PoolInspector("B", "李", ""), PoolInspector("C", "王", "")]
    outcome = run(Pools.make(us, ins, 1, 3), "x")
    assert [s.user.id for s in outcome.short] == ["U-1"] and outcome.short[0].eligible == 2


def test_ratio_is_rounded_up_and_capped() -> None:
    assert count_for_ratio(41, 5) == 3
    assert count_for_ratio(30, 10) == 3
    assert count_for_ratio(3, 1) == 1
    assert count_for_ratio(10, 100) == 10
    assert count_for_ratio(0, 50) == 0


@pytest.mark.parametrize("what", ["targets", "inspectors"])
def test_selection_is_uniform(what: str) -> None:
    """2,000 draws of 3 from 10 (fixed seeds, so deterministic): each user (or, for one fixed
    target, each of 10 inspectors drawn 3 at a time) is chosen about 600 times; chi-square with 9
    degrees of freedom below the p = 0.001 critical value."""
    draws = 2000
    pools = _pools(10, 2, count=3) if what == "targets" else _pools(1, 10, count=1, per_target=3)
    counts: dict[str, int] = {}
    for n in range(draws):
        outcome = run(pools, f"2026-{n:05d}")
        picked = [u for u, _ in outcome.targets] if what == "targets" else list(outcome.targets[0][1])
        assert len(picked) == 3
        for key in picked:
            counts[key] = counts.get(key, 0) + 1
    assert len(counts) == 10
    expected = draws * 3 / 10
    chi2 = sum((c - expected) ** 2 / expected for c in counts.values())
    assert chi2 < CHI2_9DF_P001, (chi2, counts)
