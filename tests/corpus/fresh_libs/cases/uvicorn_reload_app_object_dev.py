# family: uvicorn
# hazard: server-app-not-import-string
# line: 44
# expect: fork=wrong_result spawn=wrong_result forkserver=wrong_result
# timeout: 30
# note: A development launcher that turns on auto-reload (`reload=True`) while passing the app object, as in many Flask-style "python app.py" launchers. The reloader runs the server in a spawned subprocess and needs an import string: uvicorn prints "You must pass the application as an import string to enable 'reload' or 'workers'." and exits with status 3 (the runner's token for exit 3 is wrong_result). Shape of https://github.com/Kludex/uvicorn/pull/317 (lovelydinosaur: "you'd need to pass it as an import string if you want programmatic reload=True support to work") and https://github.com/almarklein/timetagger/pull/457.
"""Dev server for a todo ASGI app (auto-reload on)."""
import json
import os

import uvicorn

TODOS = [{"id": 1, "title": "write tests", "done": False}]


async def app(scope, receive, send):
    if scope["type"] != "http":
        return
    if scope["method"] == "GET" and scope["path"] == "/todos":
        status, body = 200, TODOS
    else:
        status, body = 405, {"error": "method not allowed"}
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json")]})
    await send({"type": "http.response.body", "body": json.dumps(body).encode()})


def describe(conf):
    mode = "reloading" if conf["reload"] else "static"
    return f"todo app on {conf['host']}:{conf['port']} ({mode})"


def settings():
    return {
        "host": os.environ.get("TODO_HOST", "127.0.0.1"),
        "port": int(os.environ.get("TODO_PORT", "0")),
        "reload": os.environ.get("TODO_RELOAD", "1") == "1",
    }


if __name__ == "__main__":
    conf = settings()
    print(describe(conf))
    uvicorn.run(app, host=conf["host"], port=conf["port"], reload=conf["reload"], log_level="warning")
