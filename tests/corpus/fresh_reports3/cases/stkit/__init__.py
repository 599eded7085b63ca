"""Stand-in for the spacetime framework and the crawler's registration helper."""
