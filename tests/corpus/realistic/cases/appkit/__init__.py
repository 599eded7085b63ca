"""Small helper package shared by the realistic corpus scripts."""
