"""Stand-in for distilabel.pipeline used by the distilabel report case."""
