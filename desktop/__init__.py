"""GI Ledger's application core: registers, validation, use cases, packets, forms, command line.

Never imports Qt, so the command line and the tests run without a display.
"""

__version__ = "0.1.0"
