# family: guard
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/villekr/ocpp-asgi/issues/2 -- the maintainer's answer: keep building `central_system` at module level and start it under the main guard with the import string "central_system:central_system" and workers; the spawned workers import this module by name and build their own central system
import os
import signal
import threading

import uvicorn

SUBPROTOCOLS = ("ocpp2.0.1", "ocpp1.6")


class Router:
    def __init__(self, subprotocol):
        self.subprotocol = subprotocol
        self.handlers = {}

    def on(self, action):
        def register(func):
            self.handlers[action] = func
            return func
        return register


v16_provisioning_router = Router("ocpp1.6")
v201_provisioning_router = Router("ocpp2.0.1")


@v16_provisioning_router.on("BootNotification")
def on_boot_notification_v16(payload):
    return {"status": "Accepted", "interval": 10}


@v201_provisioning_router.on("BootNotification")
def on_boot_notification_v201(payload):
    return {"status": "Accepted", "interval": 10, "currentTime": "2026-01-01T00:00:00Z"}


class CentralSystem:
    def __init__(self):
        self.routers = {}

    def include_router(self, router):
        self.routers[router.subprotocol] = router

    async def __call__(self, scope, receive, send):
        if scope["type"] == "lifespan":
            while True:
                message = await receive()
                if message["type"] == "lifespan.startup":
                    await send({"type": "lifespan.startup.complete"})
                elif message["type"] == "lifespan.shutdown":
                    await send({"type": "lifespan.shutdown.complete"})
                    return


central_system = CentralSystem()
central_system.include_router(v16_provisioning_router)
central_system.include_router(v201_provisioning_router)

if __name__ == "__main__":
    headers = [("Sec-WebSocket-Protocol", ", ".join(SUBPROTOCOLS))]
    # stop the server after a few seconds, as Ctrl-C would
    stopper = threading.Timer(4.0, os.kill, (os.getpid(), signal.SIGINT))
    stopper.daemon = True
    stopper.start()
    uvicorn.run("ocpp_asgi2_central_system_import_string:central_system", host="127.0.0.1",
                port=0, headers=headers, workers=2, log_level="warning")
    print("central system stopped")
