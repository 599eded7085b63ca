"""A dict of this module looked up under a key the program computes as a constant: the item under that key, not any
of the items. `PROFILES[os.environ.get("STAGE", "local")]` is the item under "local" (an environment read is its
default, as for imported tables and start methods), `TABLE[mode]` after `mode = "x"` the item under "x"
(fresh_libs2 uvicorn_dev_config_kwargs_reload: `CONFIGS[os.environ.get("APP_ENV", "dev")]`, a config class whose
classmethod spreads `reload=True` into `uvicorn.run(app, **kwargs)`). Before, any item counted: the hazard of the
chosen item was missed when another item was harmless (MP420), and a lambda under a key the program does not choose
gave a false MP201. Proven under fork, spawn and forkserver."""
import textwrap

import pytest
from helpers import assert_outcome, found, run_program

SERVER = """
    import os

    import uvicorn


    class Profile:
        WORKERS = 1

        @classmethod
        def serve_options(cls):
            return {"port": 8123, "workers": cls.WORKERS}


    class LocalProfile(Profile):
        WORKERS = 3


    PROFILES = {"local": LocalProfile, "cloud": Profile}


    async def asgi(scope, receive, send):
        pass


    if __name__ == "__main__":
        profile = PROFILES[os.environ.get("STAGE", "local")]
        uvicorn.run(asgi, **profile.serve_options())
"""

SCORERS = """
    import multiprocessing as mp
    import os


    def square(x):
        return x * x


    SCORERS = {"square": square, "shifted": lambda x: x + 1}


    def main():
        scorer = SCORERS[os.environ.get("SCORER", "shifted")]
        with mp.Pool(2) as pool:
            print("RESULT=%s" % pool.map(scorer, [1, 2]))


    if __name__ == "__main__":
        main()
"""

SCORERS_SQUARE = SCORERS.replace('"SCORER", "shifted"', '"SCORER", "square"')
SCORERS_ASSIGNED = SCORERS.replace('os.environ.get("SCORER", "shifted")', "name").replace(
    "    def main():\n", '    def main():\n        name = "square"\n')

# A module global read in a function is not taken for its import-time literal: main rebinds it first.
REBOUND_GLOBAL = """
    import multiprocessing as mp


    def square(x):
        return x * x


    SCORERS = {"square": square, "shifted": lambda x: x + 1}
    MODE = "square"


    def run():
        with mp.Pool(2) as pool:
            print("RESULT=%s" % pool.map(SCORERS[MODE], [1, 2]))


    def main():
        global MODE
        MODE = "shifted"
        run()


    if __name__ == "__main__":
        main()
"""


def test_item_under_the_default_key():
    assert len(found(textwrap.dedent(SERVER), "MP420")) == 1
    assert len(found(textwrap.dedent(SCORERS), "MP201")) == 1


def test_other_default_key_silent():
    assert found(textwrap.dedent(SERVER.replace('"STAGE", "local"', '"STAGE", "cloud"')), "MP420") == []
    assert found(textwrap.dedent(SCORERS_SQUARE), "MP201") == []
    assert found(textwrap.dedent(SCORERS_ASSIGNED), "MP201") == []


def test_unknown_key_unchanged():
    """A key the program does not fix (the environment without a default, a global another function rebinds)
    still may be any item."""
    program = SCORERS.replace('os.environ.get("SCORER", "shifted")', 'os.environ["SCORER"]')
    assert len(found(textwrap.dedent(program), "MP201")) == 1
    assert len(found(textwrap.dedent(REBOUND_GLOBAL), "MP201")) == 1


PICKLE_ERRORS = ("Can't pickle", "Can't get local object", "attribute lookup <lambda>", "PicklingError")


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    for name, program, fails in [("hazard", SCORERS, True), ("rebound", REBOUND_GLOBAL, True),
                                 ("square", SCORERS_SQUARE, False),
                                 ("assigned", SCORERS_ASSIGNED, False)]:
        path = tmp_path / f"{name}.py"
        path.write_text(textwrap.dedent(program))
        out = run_program(path, method, cwd=tmp_path, drop_env=("SCORER",))
        assert_outcome(out, fails, PICKLE_ERRORS, "RESULT=[1, 4]")
