"""Layer 6, linter: the driver. Analyse a file (parse, walk, run every rule, restrict to the targets,
apply noqa), re-analyse only what an edit touched, find and read files, summarise imported modules.
Settings reach it as the plain values of `linter.settings.Settings`; it never reads configuration."""
