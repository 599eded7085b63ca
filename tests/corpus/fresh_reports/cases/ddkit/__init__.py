"""A reduced delta debugger in the shape of ddSMT: a temp-file module and a candidate checker."""
