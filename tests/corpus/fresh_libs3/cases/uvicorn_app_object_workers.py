# family: callable
# hazard: unpicklable-callable
# line: 29
# expect: fork=wrong_result spawn=wrong_result forkserver=wrong_result
# note: shape of https://github.com/Kludex/uvicorn/issues/687 (uvicorn.run(app, workers=2) with an app object: "You must pass the application as an import string to enable 'reload' or 'workers'."; uvicorn exits with status 3); settings as in https://github.com/docling-project/docling-serve/pull/35
import os

import uvicorn


async def app(scope, receive, send):
    if scope["type"] != "http":
        return
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.body", "body": b"ok"})


def settings():
    return {
        "host": "127.0.0.1",
        "port": int(os.getenv("UVICORN_PORT", "8127")),
        "workers": int(os.getenv("UVICORN_WORKERS", "2")),
        "log_level": "warning",
    }


def serve():
    cfg = settings()
    uvicorn.run(app, **cfg)


if __name__ == "__main__":
    serve()
