"""r21kit: helper modules for the fresh_reports17 programs (one group of modules per source thread)."""
