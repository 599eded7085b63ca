"""jeopardize-like helpers: typo-squatted look-alikes of a domain and a phishing score per candidate."""
from difflib import SequenceMatcher

KEYBOARD_NEIGHBOURS = {"a": "qs", "e": "wr", "i": "uo", "o": "ip", "l": "k1", "m": "n", "n": "m"}
LOGIN_WORDS = ("login", "secure", "account", "verify")


def candidate_domains(domain):
    name, _, tld = domain.partition(".")
    seen = []
    for i, ch in enumerate(name):
        for repl in KEYBOARD_NEIGHBOURS.get(ch, ""):
            seen.append(name[:i] + repl + name[i + 1:] + "." + tld)
    for word in LOGIN_WORDS:
        seen.append(f"{word}-{name}.{tld}")
    return sorted(set(seen))


def phishing_detect(candidate, brand):
    """Score a candidate from 0 to 100: how much it looks like the brand plus login bait."""
    name = candidate.split(".")[0]
    score = int(SequenceMatcher(None, name, brand).ratio() * 80)
    if any(word in name for word in LOGIN_WORDS):
        score += 20
    return candidate, min(score, 100)
