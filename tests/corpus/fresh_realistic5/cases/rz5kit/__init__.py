"""Small shared helpers for the fresh_realistic5 programs (rz5kit)."""
