"""A jac-scale-like server: the ASGI app compiled from a program's walkers, and the factory for workers."""
import json
import os

WALKERS = {"greet": lambda body: {"message": f"hello {body.get('name', 'world')}"},
           "count": lambda body: {"n": len(body.get("items", []))}}


class JacAPI:
    """A minimal ASGI application serving `GET /` and `POST /walker/<name>`."""

    def __init__(self, walkers, title="jac app"):
        self.walkers = dict(walkers)
        self.title = title

    async def __call__(self, scope, receive, send):
        if scope["type"] == "lifespan":
            while True:
                msg = await receive()
                if msg["type"] == "lifespan.startup":
                    await send({"type": "lifespan.startup.complete"})
                elif msg["type"] == "lifespan.shutdown":
                    await send({"type": "lifespan.shutdown.complete"})
                    return
        body = b""
        while True:
            msg = await receive()
            body += msg.get("body", b"")
            if not msg.get("more_body"):
                break
        path = scope["path"]
        if path.startswith("/walker/") and path[8:] in self.walkers:
            payload = self.walkers[path[8:]](json.loads(body or b"{}"))
        else:
            payload = {"title": self.title, "walkers": sorted(self.walkers), "pid": os.getpid()}
        data = json.dumps(payload).encode()
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-type", b"application/json")]})
        await send({"type": "http.response.body", "body": data})


def create_app():
    """Factory used by each uvicorn worker (the PR's _worker_app_holder)."""
    return JacAPI(WALKERS, title=os.environ.get("JAC_APP_TITLE", "jac app"))


def resolve_workers(value, cpu_count=None):
    """`workers = 4` or `workers = "auto"` (2 * CPU + 1), as jac.toml allows; capped for this demo."""
    if value == "auto":
        value = 2 * (cpu_count or os.cpu_count() or 1) + 1
    return max(1, min(int(value), 2))
