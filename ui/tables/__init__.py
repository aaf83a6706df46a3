"""Spreadsheets in and out of the registers."""
