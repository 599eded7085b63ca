"""Fix builders: each returns a `Fix` (text edits + applicability) or None when it cannot help."""
