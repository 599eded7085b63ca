# family: globals
# hazard: parent-state-not-inherited
# line: 69
# expect: fork=ok spawn=wrong_result forkserver=wrong_result
# note: Reduced from https://github.com/ungoogled-software/ungoogled-chromium/pull/3866 (devutils/update_lists.py: main() appends --domain-exclude-prefix values to the module-level DOMAIN_EXCLUDE_PREFIXES list, then a multiprocessing Pool runs compute_lists_proc over the source tree; on Ubuntu 26.04 / Python 3.14 (forkserver) the workers saw the import-time list and excluded files leaked into the domain-substitution list). Kept: the constant lists, argparse in main(), Pool.starmap over (path, tree, regex) via zip/repeat, the per-path classifier and the set merge; the source tree is a few temporary files.
"""Compute the pruning and domain-substitution lists for a source tree."""
import argparse
import multiprocessing
import sys
import tempfile
from itertools import repeat
from pathlib import Path

# Paths to exclude by prefixes of the POSIX representation for domain substitution
DOMAIN_EXCLUDE_PREFIXES = [
    'components/test/',
    'net/http/transport_security_state_static.json',
]

# pathlib.Path.match() patterns to include in domain substitution
DOMAIN_INCLUDE_PATTERNS = ['*.h', '*.cc', '*.json', '*.py']


def should_domain_substitute(path, relative_path):
    relative_str = relative_path.as_posix()
    if any(relative_str.startswith(prefix) for prefix in DOMAIN_EXCLUDE_PREFIXES):
        return False
    return any(relative_path.match(pattern) for pattern in DOMAIN_INCLUDE_PATTERNS)


def compute_lists_proc(path, source_tree, search_regex):
    relative_path = path.relative_to(source_tree)
    domain_sub = set()
    if path.is_file() and should_domain_substitute(path, relative_path):
        if search_regex in path.read_text():
            domain_sub.add(relative_path.as_posix())
    return domain_sub


def compute_lists(source_tree, search_regex, processes):
    paths = sorted(source_tree.rglob('*'))
    with multiprocessing.Pool(processes) as pool:
        returned = pool.starmap(compute_lists_proc,
                                zip(paths, repeat(source_tree), repeat(search_regex)))
    domain_substitution_set = set()
    for found in returned:
        domain_substitution_set.update(found)
    return sorted(domain_substitution_set)


def make_tree(root):
    files = {
        'chrome/browser/about.cc': 'https://www.google.com/about',
        '.pc/fix-urls.patch/chrome/browser/about.cc': 'https://www.google.com/old',
        'components/test/data.json': '{"u": "google.com"}',
        'net/base/url.h': '// no domains here',
    }
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--domain-exclude-prefix', action='append', default=['.pc/'])
    parser.add_argument('--processes', type=int, default=2)
    args = parser.parse_args([])
    DOMAIN_EXCLUDE_PREFIXES.extend(args.domain_exclude_prefix)

    with tempfile.TemporaryDirectory() as tmp:
        source_tree = Path(tmp)
        make_tree(source_tree)
        domain_list = compute_lists(source_tree, 'google.com', args.processes)
    print('RESULT=%s' % domain_list)
    return 0 if domain_list == ['chrome/browser/about.cc'] else 3


if __name__ == '__main__':
    sys.exit(main())
