"""Stand-ins for the project and library code the fresh_libs9 threads quote (no network, no NEURON, no tiktoken)."""
