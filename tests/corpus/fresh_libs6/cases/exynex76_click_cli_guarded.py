# family: guard
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/pnpnpn/timeout-decorator/issues/76 -- the same click entry point with the CLI call under `if __name__ == "__main__":`, so a re-imported child only defines the commands
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


if __name__ == "__main__":
    cli(["scan"], standalone_mode=False)
    sys.exit(0)
