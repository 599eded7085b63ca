"""Helper package of the fresh_flow corpus: small modules in the shapes of the reports' libraries."""
