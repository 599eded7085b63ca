"""Layer 4, fixes: fix builders, each returning a `Fix` (text edits + applicability) or None when it
cannot help, and `apply`, which applies edits and validates a fix by re-parsing what it touches."""
