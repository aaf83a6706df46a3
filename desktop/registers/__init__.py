"""The registers: one :class:`desktop.fields.Kind` each, looked up by key.

``REGISTRY`` is ordered so that a record's references come before it (resources before
candidates, GIs before mark users ...), which is the order to write and export them in.
"""

from __future__ import annotations

from desktop.fields import FieldError, Kind
from desktop.registers import (
    abnormal,
    annual_report,
    candidate,
    case,
    city_units,
    inspection,
    inspector,
    mark_user,
    protected_gi,
    resource,
    review,
    statistics,
    work_plan,
)
from desktop.validation import Reason

REGISTRY: dict[str, Kind] = {
    k.key: k
    for k in (
        resource.KIND,
        candidate.KIND,
        candidate.STAGE_EVENT,
        protected_gi.KIND,
        mark_user.KIND,
        annual_report.KIND,
        inspector.KIND,
        inspection.PLAN,
        inspection.KIND,
        case.KIND,
        abnormal.KIND,
        statistics.KIND,
        city_units.UNIT,
        city_units.TARGET,
        work_plan.PLAN,
        work_plan.TASK,
        work_plan.PROGRESS,
        review.REVIEW,
        review.ANSWER,
    )
}

CLI_KINDS: tuple[str, ...] = (
    "resource", "candidate", "gi", "mark-user", "annual-report", "inspection", "abnormal", "case",
)
"""The kinds named in the command-line contract; the others are accepted too."""


def get_kind(key: str) -> Kind:
    """The register with this key (``resource``, ``mark-user`` ...), or a FieldError naming the keys."""
    try:
        return REGISTRY[key]
    except KeyError:
        raise FieldError("kind", "记录类型", "kind", Reason(
            f"没有“{key}”这种记录，可用：{', '.join(REGISTRY)}",
            f"unknown kind {key!r}; use one of: {', '.join(REGISTRY)}")) from None


def kind_by_prefix(prefix: str) -> Kind | None:
    for k in REGISTRY.values():
        if k.prefix == prefix:
            return k
    return None
