# family: uvicorn
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# timeout: 40
# note: False friend: the documented fix, an import string for an application factory (`"module:create_app"`, factory=True) with workers=2; the spawned workers import the module by name and call the factory. The supervisor is stopped with SIGINT after two seconds. uvicorn deployment docs (https://www.uvicorn.org/deployment/: "this style only works if you are not using multiprocessing (workers=NUM) or reloading (reload=True), so we recommend using the import string style"), quoted in https://github.com/almarklein/timetagger/pull/457.
"""Serve a factory-built ASGI app with two workers for a couple of seconds."""
import os
import signal
import threading

import uvicorn

GREETING = "hello"


def create_app():
    counter = {"requests": 0}

    async def app(scope, receive, send):
        if scope["type"] != "http":
            return
        counter["requests"] += 1
        body = f"{GREETING} #{counter['requests']}".encode()
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-type", b"text/plain")]})
        await send({"type": "http.response.body", "body": body})

    return app


def stop_later(seconds):
    timer = threading.Timer(seconds, lambda: os.kill(os.getpid(), signal.SIGINT))
    timer.daemon = True
    timer.start()
    return timer


if __name__ == "__main__":
    stop_later(2.0)
    uvicorn.run("uvicorn_factory_import_string_workers_ok:create_app", factory=True,
                host="127.0.0.1", port=0, workers=2, log_level="warning")
    print("RESULT=stopped")
