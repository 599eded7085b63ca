# family: guard
# hazard: asgi-app-object-with-workers
# line: 69
# expect: fork=wrong_result spawn=wrong_result forkserver=wrong_result
# note: https://github.com/villekr/ocpp-asgi/issues/2 -- `uvicorn.run(central_system, host="0.0.0.0", port=9000, headers=headers, workers=10)` stops with "You must pass the application as an import string to enable 'reload' or 'workers'": uvicorn's worker processes import the application by name, so an application object cannot be handed to them; this program builds a router-based ASGI central system and starts it the same way
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
    uvicorn.run(central_system, host="127.0.0.1", port=0, headers=headers, workers=2,
                log_level="warning")
    print("central system stopped")
