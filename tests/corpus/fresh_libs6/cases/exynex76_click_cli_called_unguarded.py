# family: guard
# hazard: missing-main-guard
# line: 31
# timeout: 8
# expect: fork=ok spawn=bootstrap_error+hang forkserver=bootstrap_error+hang
# note: https://github.com/pnpnpn/timeout-decorator/issues/76 -- exynex's __main__.py ends with a bare `cli()` call at module level; its scan command opens a Pool, so every spawned child re-imports the script, runs the CLI again and starts a Pool while bootstrapping
import sys
from multiprocessing import Pool

import click


def probe(bundle):
    return bundle.upper()


@click.group()
def cli():
    pass


@cli.command()
@click.option("--workers", default=2)
def scan(workers):
    bundles = ["com.example.a", "com.example.b", "com.example.c"]
    with Pool(workers) as pool:
        found = pool.map(probe, bundles)
    print("RESULT=" + ",".join(found))


cli(["scan"], standalone_mode=False)
sys.exit(0)
