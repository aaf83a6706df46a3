"""Small cities for the completeness and target tests: counties made with ``new_office``,
their packets exported and merged into the city, the receipt times set where a test needs
them (the packet log stamps the real time)."""

from __future__ import annotations

from pathlib import Path

from desktop.ledger import Ledger
from desktop.packets.export import export_packet
from desktop.packets.importer import MERGE, apply_import, plan_import
from desktop.packets.report import describe_plan


def send(county: Ledger, city: Ledger, folder: Path, received_at: str | None = None) -> None:
    """Export the county's next packet and merge it at the city; ``received_at`` (ISO) is
    written into the city's packet log as the receipt time."""
    folder.mkdir(parents=True, exist_ok=True)
    result = export_packet(county, folder / f"{county.office.code}-{county.office.name}.xlsx")
    plan = plan_import(city, result.path)
    assert plan.status == MERGE, describe_plan(plan, dry_run=True)
    assert apply_import(city, plan).merged
    if received_at is not None:
        city.db.conn.execute(
            "UPDATE packet_log SET at = ? WHERE id = (SELECT max(id) FROM packet_log "
            "WHERE office_code = ? AND direction = 'received')", (received_at, county.office.code))


def stats(county: Ledger, as_of: str, **figures: int) -> None:
    """A statistics row of the county."""
    values = {"as_of": as_of, "registered_trademarks": 100, "well_known_marks": 0, "gi_trademarks": 0,
              "gi_products": 0, "gi_products_using_mark": 0}
    values.update(figures)
    county.add("stats", values)
