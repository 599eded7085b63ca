"""Layer 8, the command line: `mpguard check | rule | server`. Nothing imports it."""


def main(argv=None) -> int:
    """`mpguard ...` (the console script). The command line is imported here, not with the package, so
    that a worker process started by spawn or forkserver, which imports `mpguard.cli.batch` to find its
    function, imports only the linter."""
    from mpguard.cli.main import main as run

    return run(argv)


__all__ = ["main"]
