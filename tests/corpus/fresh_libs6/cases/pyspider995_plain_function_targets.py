# family: callable
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/binux/pyspider/issues/995 -- the working shape: each component is a plain module-level function that the click commands call, and the subprocesses get those functions and plain keyword arguments instead of ctx.invoke
import os
import sys
import tempfile
from multiprocessing import Process

import click


def run_fetcher(data_path, poolsize=2):
    with open(os.path.join(data_path, "fetcher.ready"), "w") as fh:
        fh.write(str(poolsize))


def run_processor(data_path):
    with open(os.path.join(data_path, "processor.ready"), "w") as fh:
        fh.write("1")


@click.group()
@click.option("--data-path", default=None)
@click.pass_context
def cli(ctx, data_path):
    ctx.obj = {"data_path": data_path or tempfile.mkdtemp()}


@cli.command()
@click.option("--poolsize", default=2)
@click.pass_context
def fetcher(ctx, poolsize):
    run_fetcher(ctx.obj["data_path"], poolsize)


@cli.command(name="all")
@click.pass_context
def run_all(ctx):
    data_path = ctx.obj["data_path"]
    procs = [Process(target=run_fetcher, kwargs={"data_path": data_path, "poolsize": 2}),
             Process(target=run_processor, kwargs={"data_path": data_path})]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    ready = sorted(f for f in os.listdir(data_path) if f.endswith(".ready"))
    print("RESULT=" + ",".join(ready))


if __name__ == "__main__":
    cli(["all"], standalone_mode=False)
    sys.exit(0)
