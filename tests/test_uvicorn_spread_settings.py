"""`uvicorn.run(app, **cfg)` with `cfg` a settings dict a helper returns, its workers from `int(os.getenv(..., "2"))`:
the environment default converted is the value (uvicorn #687's shape; fresh_libs3 uvicorn_app_object_workers, run under
fork, spawn and forkserver: uvicorn exits with status 3). The helper may be defined before or after its caller (the
mapping is then looked up once the walk is over)."""
import textwrap

import pytest

from mpguard.linter.analyze import analyze

SETTINGS = '''
def settings():
    return {"host": "127.0.0.1", "workers": int(os.getenv("UVICORN_WORKERS", "{workers}"))}
'''
SERVE = '''
def serve():
    cfg = settings()
    uvicorn.run(app, **cfg)
'''
HEAD = '''
import os

import uvicorn


async def app(scope, receive, send):
    pass
'''
TAIL = '''

if __name__ == "__main__":
    serve()
'''


def mp420(workers: str, settings_first: bool) -> list:
    parts = [SETTINGS.replace("{workers}", workers), SERVE]
    source = HEAD + "\n".join(parts if settings_first else parts[::-1]) + TAIL
    return [f for f in analyze(textwrap.dedent(source), "case.py").findings if f.code == "MP420"]


@pytest.mark.parametrize("settings_first", [True, False])
def test_workers_from_a_settings_helper(settings_first):
    assert len(mp420("2", settings_first)) == 1
    assert mp420("1", settings_first) == []
