# family: uvicorn
# hazard: server-app-not-import-string
# line: 36
# expect: fork=wrong_result spawn=wrong_result forkserver=wrong_result
# timeout: 30
# note: A small ASGI service keeps its server options in a settings dataclass whose `workers` field defaults to 2 and launches with `uvicorn.run(app, ..., workers=settings.workers)`: run as written it passes the application object with two workers, and uvicorn prints "You must pass the application as an import string to enable 'reload' or 'workers'." and exits with status 3 under every start method. The settings-object shape of FastAPI projects (https://fastapi.tiangolo.com/advanced/settings/) with the failure of https://github.com/kennethreitz/responder/issues/437.
"""echo-service: answers every request with its path."""
import json
from dataclasses import dataclass

import uvicorn


@dataclass
class ServerSettings:
    host: str = "127.0.0.1"
    port: int = 0
    workers: int = 2
    log_level: str = "warning"


settings = ServerSettings()


async def app(scope, receive, send):
    if scope["type"] != "http":
        return
    body = json.dumps({"path": scope["path"]}).encode()
    await send({"type": "http.response.start", "status": 200,
                "headers": [(b"content-type", b"application/json")]})
    await send({"type": "http.response.body", "body": body})


def serve():
    print(f"serving on {settings.host}:{settings.port} with {settings.workers} workers")
    uvicorn.run(app, host=settings.host, port=settings.port, workers=settings.workers,
                log_level=settings.log_level)


if __name__ == "__main__":
    serve()
