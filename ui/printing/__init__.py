"""Printing in the window: the preview (pypdfium2 pages, 打印 on a QPrinter, 另存为), the
打印 actions of register pages and record editors, batch prints off the GUI thread, and
录入纸质表. Every form and rule is in :mod:`desktop.forms`."""
