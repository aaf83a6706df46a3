"""The window's annual-report pages (年报报送情况)."""
