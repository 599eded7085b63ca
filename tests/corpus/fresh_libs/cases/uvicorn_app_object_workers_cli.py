# family: uvicorn
# hazard: server-app-not-import-string
# line: 37
# expect: fork=wrong_result spawn=wrong_result forkserver=wrong_result
# timeout: 30
# note: A tiny ASGI health service whose `serve()` passes the application object to `uvicorn.run(..., workers=2)`. uvicorn's multi-process supervisor spawns workers that must import the app by name, so it refuses the object: it logs "You must pass the application as an import string to enable 'reload' or 'workers'." and exits with status 3 (its startup-failure code; the runner's token for exit 3 is wrong_result), under every start method. Shape of https://github.com/kennethreitz/responder/issues/437 (`api.run(port=8080, workers=...)` printing exactly that warning) and https://github.com/Kludex/uvicorn/pull/481 ("Force app-as-import-string with worker=NUM").
"""health-service: a minimal ASGI app with a JSON health endpoint."""
import argparse
import json

import uvicorn


async def app(scope, receive, send):
    if scope["type"] != "http":
        return
    if scope["path"] == "/healthz":
        status, body = 200, {"status": "ok"}
    else:
        status, body = 404, {"error": "not found"}
    payload = json.dumps(body).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json")]})
    await send({"type": "http.response.body", "body": payload})


def parse_args(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--workers", type=int, default=2)
    return parser.parse_args(argv)


def serve(argv=None):
    args = parse_args(argv)
    uvicorn.run(app, host=args.host, port=args.port, workers=args.workers, log_level="warning")


if __name__ == "__main__":
    serve([])
