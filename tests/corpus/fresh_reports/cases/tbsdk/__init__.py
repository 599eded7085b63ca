"""A reduced dataset client in the shape of tensorbay-python-sdk (Graviti)."""
