# family: uvicorn
# hazard: server-app-not-import-string
# line: 31
# expect: fork=wrong_result spawn=wrong_result forkserver=wrong_result
# timeout: 30
# note: uvicorn's "You must pass the application as an import string to enable 'reload' or 'workers'" (fastapi/fastapi#12936 runs several worker processes) with the worker count held by a settings dataclass whose default is 2.
"""Minimal ASGI service started from a settings object."""
import sys
from dataclasses import dataclass

import uvicorn


@dataclass
class ServerSettings:
    host: str = "127.0.0.1"
    port: int = 8765
    workers: int = 2
    log_level: str = "warning"


async def app(scope, receive, send):
    if scope["type"] != "http":
        return
    await send({"type": "http.response.start", "status": 200,
                "headers": [(b"content-type", b"text/plain")]})
    await send({"type": "http.response.body", "body": b"ok"})


def serve(settings: ServerSettings):
    uvicorn.run(app, host=settings.host, port=settings.port,
                workers=settings.workers, log_level=settings.log_level)


def main():
    serve(ServerSettings())
    print("RESULT=served")


if __name__ == "__main__":
    sys.exit(main())
