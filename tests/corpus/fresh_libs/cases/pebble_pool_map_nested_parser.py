# family: pebble
# hazard: unpicklable-callable
# line: 38
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# timeout: 30
# note: A config-file linter that maps a nested parser function with pebble's ProcessPool (chosen for its per-task timeout). pebble sends each task's function through a pipe with pickle, so the local function fails under every start method ("Can't pickle local object 'lint_all.<locals>.check'"). Shape of https://github.com/noxdafox/pebble/issues/60 (marxin: a method scheduled on a pool, "It took me more than hour to realize what's wrong", traceback through pool_channel.send) and https://github.com/python/cpython/pull/3895 (a local function moved out of the main block).
"""Lint INI-like config snippets in a pebble pool with a per-file timeout."""
from concurrent.futures import TimeoutError

from pebble import ProcessPool

CONFIGS = {
    "app.ini": "[server]\nport = 8080\nhost = 0.0.0.0\n",
    "db.ini": "[db]\nuser = admin\npassword =\n",
    "broken.ini": "server]\nport 80\n",
    "cache.ini": "[cache]\nttl = 60\n",
}


def lint_all(configs, timeout=5):
    required = {"server": {"port"}, "db": {"user", "password"}}

    def check(name):
        problems, section = [], None
        for number, line in enumerate(configs[name].splitlines(), 1):
            line = line.strip()
            if line.startswith("[") and line.endswith("]"):
                section = line[1:-1]
            elif "=" not in line:
                problems.append(f"{name}:{number}: not a key = value line")
            elif not line.split("=", 1)[1].strip():
                problems.append(f"{name}:{number}: empty value")
        missing = required.get(section, set()) - {l.split("=")[0].strip() for l in configs[name].splitlines()}
        problems += [f"{name}: missing {key}" for key in sorted(missing)]
        return problems

    with ProcessPool(max_workers=2) as pool:
        future = pool.map(check, sorted(configs), timeout=timeout)
        results = []
        for outcome in future.result():
            results.append(outcome)
    return [p for problems in results for p in problems]


if __name__ == "__main__":
    try:
        problems = lint_all(CONFIGS)
    except TimeoutError:
        problems = ["timeout"]
    print("\n".join(problems))
    print("RESULT=" + str(len(problems)))
