"""Helper package shared by several fresh_realistic9 programs (scan pipelines, API errors, binning, gallery settings, a multicore test helper)."""
