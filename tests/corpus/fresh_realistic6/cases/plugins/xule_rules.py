"""A validation plugin loaded by the filer's plugin manager from the plugins folder."""
PLUGIN_INFO = {"name": "xule_rules", "version": "1.2", "validate": "validate_fact"}

REQUIRED_UNITS = {"Revenue": "USD", "Shares": "shares"}


def validate_fact(fact):
    concept, unit, value = fact
    problems = []
    expected = REQUIRED_UNITS.get(concept)
    if expected and unit != expected:
        problems.append(f"{concept}: unit {unit} should be {expected}")
    if value < 0:
        problems.append(f"{concept}: negative value")
    return problems
