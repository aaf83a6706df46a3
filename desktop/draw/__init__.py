"""Random inspections (双随机): a draw anyone can verify.

- :mod:`.algorithm`: the draw as pure functions (SHA-256 ranks of seed and key; docs/draw.md);
- :mod:`.pools`: a plan's pools rebuilt from the plan and the registers;
- :mod:`.service`: draw (frozen pools, hash, number, reason, audit), history, verify;
- :mod:`.plan_file`: ``plan add`` with the inspectors from a .csv/.xlsx file;
- :mod:`.publication`: the inspection tasks and the 抽查结果公示 sheet (xlsx, PDF).

Example::

    draw = service.make_draw(ledger, "P-130125-000001", seed="2026123 05 11 19 23 28 07")
    assert service.verify(ledger, "P-130125-000001").same
"""
