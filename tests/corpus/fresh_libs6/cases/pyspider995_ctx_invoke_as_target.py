# family: callable
# hazard: unpicklable-callable
# line: 15
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: https://github.com/binux/pyspider/issues/995 -- `pyspider` on macOS: the `all` command starts each component with run_in_subprocess(ctx.invoke, <command>); spawn pickles the click Context, whose command's callback is no longer the module attribute of that name ("Can't pickle <function cli>: it's not the same object as pyspider.run.cli")
import os
import sys
import tempfile
from multiprocessing import Process

import click


def run_in_subprocess(func, *args, **kwargs):
    p = Process(target=func, args=args, kwargs=kwargs)
    p.daemon = True
    p.start()
    return p


@click.group()
@click.option("--data-path", default=None)
@click.pass_context
def cli(ctx, data_path):
    ctx.obj = {"data_path": data_path or tempfile.mkdtemp()}


@cli.command()
@click.option("--poolsize", default=2)
@click.pass_context
def fetcher(ctx, poolsize):
    with open(os.path.join(ctx.obj["data_path"], "fetcher.ready"), "w") as fh:
        fh.write(str(poolsize))


@cli.command()
@click.pass_context
def processor(ctx):
    with open(os.path.join(ctx.obj["data_path"], "processor.ready"), "w") as fh:
        fh.write("1")


@cli.command(name="all")
@click.pass_context
def run_all(ctx):
    procs = [run_in_subprocess(ctx.invoke, component) for component in (fetcher, processor)]
    for p in procs:
        p.join()
    ready = sorted(f for f in os.listdir(ctx.obj["data_path"]) if f.endswith(".ready"))
    print("RESULT=" + ",".join(ready))


if __name__ == "__main__":
    cli(["all"], standalone_mode=False)
    sys.exit(0)
