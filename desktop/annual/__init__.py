"""The annual-report cycle (年报): who owes a report for a year and its status
(:mod:`.status`), the plausibility warnings of a report (:mod:`.checks`), the blank workbook
sent to enterprises (:mod:`.workbook`) and the import of returned workbooks (:mod:`.returned`).

Kept free of imports here: :mod:`desktop.registers.annual_report` imports :mod:`.checks`."""
