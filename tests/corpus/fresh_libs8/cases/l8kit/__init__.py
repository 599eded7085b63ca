"""Stand-ins for library and project code used by the fresh_libs8 cases."""
