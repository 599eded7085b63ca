"""Layer 5, rules: one module per hazard family, each a set of `Rule`s (data: code, name, where it bites,
docs) and a check that reads the semantic model through `context.RuleContext`. Rules may build fixes."""
