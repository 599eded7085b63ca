"""A classmethod's `cls` is the class the call is made on (issue 12): `DevConfig.uvicorn_kwargs()`, where
`DevConfig(BaseConfig)` overrides `RELOAD = False`, reads DevConfig's RELOAD, not the defining class's. The
read is resolved through the method's call sites, like a parameter (flow: CallSite.receiver); the defining
class's value when the module has no call site of the method; nothing when a call site's class is not known
(called through an object, or through another classmethod's `cls`). Run under fork, spawn and forkserver:
uvicorn given the object `app` with `reload=True` exits with status 3 and its warning; with DevConfig's
`reload=False` it serves (stopped by the app itself)."""
import importlib.util
import subprocess
import textwrap
from pathlib import Path

import pytest

from helpers import run_program

from mpguard.linter.analyze import analyze


PROGRAM = '''
import os
import signal

import uvicorn


class BaseConfig:
    RELOAD = True

    @classmethod
    def uvicorn_kwargs(cls):
        return {"host": "127.0.0.1", "port": 0, "reload": cls.RELOAD}


class DevConfig(BaseConfig):
    {body}


async def app(scope, receive, send):
    if scope["type"] == "lifespan":
        await receive()  # lifespan.startup: the server runs; the app stops it
        await send({"type": "lifespan.startup.complete"})
        os.kill(os.getpid(), signal.SIGINT)
        await receive()
        await send({"type": "lifespan.shutdown.complete"})


if __name__ == "__main__":
    {call}
    print("served and stopped")
'''

OVERRIDES = "RELOAD = False"
ADDS = 'HOST = "y"'


def program(body: str, call: str) -> str:
    return textwrap.dedent(PROGRAM).replace("{body}", body).replace("{call}", call)


def mp420(source: str) -> list:
    return [f for f in analyze(source, "case.py").findings if f.code == "MP420"]


# (subclass body, the call) -> does uvicorn refuse (and does mpguard say so)
CASES = {
    "subclass_overrides_ok": (OVERRIDES, "uvicorn.run(app, **DevConfig.uvicorn_kwargs())", False),
    "subclass_inherits": (ADDS, "uvicorn.run(app, **DevConfig.uvicorn_kwargs())", True),
    "called_on_the_base": (OVERRIDES, "uvicorn.run(app, **BaseConfig.uvicorn_kwargs())", True),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_cls_is_the_class_the_call_is_made_on(name):
    body, call, refused = CASES[name]
    assert len(mp420(program(body, call))) == (1 if refused else 0)


def test_through_a_name_bound_to_the_result():
    source = program(OVERRIDES, "kwargs = DevConfig.uvicorn_kwargs()\n    uvicorn.run(app, **kwargs)")
    assert mp420(source) == []
    source = program(OVERRIDES, "kwargs = BaseConfig.uvicorn_kwargs()\n    uvicorn.run(app, **kwargs)")
    assert len(mp420(source)) == 1


def test_an_unknown_receiver_says_nothing():
    # called through an object: which class is not followed (precision first)
    source = program(OVERRIDES, "uvicorn.run(app, **DevConfig().uvicorn_kwargs())")
    assert mp420(source) == []


def test_no_override_keeps_the_defining_class():
    # no subclass overrides RELOAD: read off the defining class as before, however the method is called
    source = program(ADDS, "uvicorn.run(app, **DevConfig().uvicorn_kwargs())")
    assert len(mp420(source)) == 1


def test_the_receivers_of_every_call_site():
    # one call on each class: `cls.RELOAD` may be either (a parameter's callers, one level), so the
    # DevConfig call is not known to pass reload=True
    source = program(OVERRIDES, "BaseConfig.uvicorn_kwargs()\n    uvicorn.run(app, **DevConfig.uvicorn_kwargs())")
    assert mp420(source) == []


def run(path: Path, method: str) -> subprocess.CompletedProcess:
    """The program under `method` as the default start method; a run that hangs is run once more (helpers.run_program)."""
    return run_program(path, method, timeout=120, cwd=path.parent)


@pytest.mark.skipif(importlib.util.find_spec("uvicorn") is None, reason="uvicorn is not installed ('.[libs]')")
@pytest.mark.parametrize("name", sorted(CASES))
def test_runtime(tmp_path, name):
    body, call, refused = CASES[name]
    path = tmp_path / f"{name}.py"
    path.write_text(program(body, call))
    for method in ("fork", "spawn", "forkserver"):
        done = run(path, method)
        if refused:
            assert done.returncode == 3, (method, done.stderr[-2000:])
            assert "You must pass the application as an import string" in done.stderr
        else:
            assert done.returncode == 0, (method, done.stderr[-2000:])
            assert "served and stopped" in done.stdout
