"""Coded values shared by several registers (Chinese labels as in the source documents)."""

from __future__ import annotations

from desktop.fields import choices

ROUTES = choices(
    ("collective_mark", "地理标志集体商标", "GI collective mark", "集体商标"),
    ("certification_mark", "地理标志证明商标", "GI certification mark", "证明商标"),
    ("protected_product", "地理标志保护产品", "GI protected product", "地理标志产品", "保护产品"),
)
"""The three ways to protect a GI (CNIPA Orders No. 79 and No. 80)."""

TRADEMARK_ROUTES = frozenset({"collective_mark", "certification_mark"})

GI_TYPES = choices(
    ("protected_product", "地理标志保护产品", "GI protected product", "地理标志产品", "保护产品"),
    ("collective_mark", "地理标志集体商标", "GI collective mark", "集体商标"),
    ("certification_mark", "地理标志证明商标", "GI certification mark", "证明商标"),
    ("agi", "农产品地理标志", "agricultural GI (AGI)", "AGI"),
)

TIERS = choices(
    ("discover", "挖掘", "discover"),
    ("cultivate", "培育", "cultivate"),
    ("protect", "保护", "protect"),
)
"""挖掘一批、培育一批、保护一批."""
