"""The case register's own use cases (行政保护案件), without Qt.

- :mod:`desktop.cases.figures`: the counts the dashboards show (a county's cases this year,
  open cases, cases per act; a city's cases per unit, per year and per act).
- :mod:`desktop.cases.typical`: the typical cases (典型案例) for publication, as a list, JSON,
  an ``.xlsx`` sheet or a PDF.

The register itself (fields, rules) is :mod:`desktop.registers.case`; the queries are
:mod:`db.cases`.
"""
