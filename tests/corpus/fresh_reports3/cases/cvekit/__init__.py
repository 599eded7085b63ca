"""Stand-in for cve-search's lib/ package."""
