# family: billiard
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# timeout: 30
# note: Near miss (written as a hazard, corrected after the first run): a quick billiard script (copied from a Celery worker's helper) that creates its Pool at module level. billiard keeps its own default context (fork on Linux), which does not follow multiprocessing's default, so the pool forks and the script runs under every default imposed here; on Windows, where only spawn exists, it would need the guard (not observed). Shape of https://github.com/celery/billiard/issues/201 (billiard's own get_context, a Pool created in the main module) and https://github.com/thampiman/reverse-geocoder/issues/31 ("NO issue, with if __name__ == '__main__':").
"""Compute word lengths of a fixed vocabulary with billiard."""
from billiard import Pool

VOCABULARY = ["broker", "worker", "beat", "result", "backend", "chord", "group", "chain"]


def measure(word):
    vowels = sum(ch in "aeiou" for ch in word)
    return word, len(word), vowels


pool = Pool(processes=2)
rows = pool.map(measure, VOCABULARY)
pool.close()
pool.join()


def by_length(rows):
    groups = {}
    for word, length, _ in rows:
        groups.setdefault(length, []).append(word)
    return groups


print("by length:", dict(sorted(by_length(rows).items())))


def table(rows):
    lines = [f"{'word':>8} {'len':>3} {'vowels':>6}"]
    for word, length, vowels in sorted(rows, key=lambda r: (-r[1], r[0])):
        lines.append(f"{word:>8} {length:>3} {vowels:>6}")
    return "\n".join(lines)


print(table(rows))
longest = max(rows, key=lambda r: r[1])
print("longest word:", longest[0])
ratio = sum(r[2] for r in rows) / sum(r[1] for r in rows)
print(f"vowel ratio: {ratio:.2f}")
print("RESULT=" + str(sum(r[1] for r in rows)))
