# family: callable
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/binux/pyspider/issues/995 -- the same launcher written with typer: @app.command() registers the function and returns it unchanged, so the command function itself is a picklable Process target
import os
import sys
import tempfile
from multiprocessing import Process

import typer

app = typer.Typer()


@app.command()
def fetcher(data_path: str, poolsize: int = 2):
    with open(os.path.join(data_path, "fetcher.ready"), "w") as fh:
        fh.write(str(poolsize))


@app.command()
def processor(data_path: str):
    with open(os.path.join(data_path, "processor.ready"), "w") as fh:
        fh.write("1")


@app.command("all")
def run_all(data_path: str = ""):
    data_path = data_path or tempfile.mkdtemp()
    procs = [Process(target=component, args=(data_path,)) for component in (fetcher, processor)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    ready = sorted(f for f in os.listdir(data_path) if f.endswith(".ready"))
    print("RESULT=" + ",".join(ready))


if __name__ == "__main__":
    app(["all"], standalone_mode=False)
    sys.exit(0)
