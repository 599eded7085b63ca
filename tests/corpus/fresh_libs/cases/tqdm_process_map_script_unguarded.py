# family: tqdm
# hazard: missing-main-guard
# line: 29
# expect: fork=ok spawn=bootstrap_error forkserver=bootstrap_error
# timeout: 30
# note: A one-off analysis script calling tqdm's process_map at module level. process_map uses a ProcessPoolExecutor with the default context: fine where fork is the default, but under spawn or forkserver the workers re-import the script and call process_map again ("An attempt has been made to start a new process before ... bootstrapping phase"; the executor then reports BrokenProcessPool). Shape of https://github.com/niedakh/pqdm/issues/45 (pqdm's README example, a process map with a progress bar at module level, RuntimeError in spawn.py on Windows) and https://github.com/ppdebreuck/modnet/issues/74 (the same error "related to tqdm", fixed with the main guard).
import collections
import string

from tqdm.contrib.concurrent import process_map

SENTENCES = [
    "the cat sat on the mat",
    "a quick brown fox",
    "pack my box with five dozen liquor jugs",
    "how vexingly quick daft zebras jump",
    "sphinx of black quartz judge my vow",
]


def letter_counts(sentence):
    return collections.Counter(c for c in sentence if c in string.ascii_lowercase)


def is_pangram(counts):
    return set(counts) == set(string.ascii_lowercase)


counts = process_map(letter_counts, SENTENCES, max_workers=2, disable=True)
pangrams = [s for s, c in zip(SENTENCES, counts) if is_pangram(c)]

# letters that no sentence uses
unused = set(string.ascii_lowercase)
for c in counts:
    unused -= set(c)
print("unused letters:", "".join(sorted(unused)) or "-")

total = collections.Counter()
for c in counts:
    total.update(c)

print("most common letters:", "".join(ch for ch, _ in total.most_common(5)))
for sentence in pangrams:
    print("pangram:", sentence)
print("RESULT=" + str(len(pangrams)))
