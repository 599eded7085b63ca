"""l25kit: small stand-ins for the projects behind fresh_libs13 (AutoEIS, pyiron_workflow, swifter,
AgentBench, filelock users, dpbench, pyABC, datacube-core)."""
