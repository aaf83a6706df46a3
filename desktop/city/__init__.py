"""The city's own work: its reporting units, the city table, completeness, targets, work-plan
tasks and reviews (a province does the same one level up, its units being its cities)."""
