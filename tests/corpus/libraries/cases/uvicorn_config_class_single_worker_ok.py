# family: uvicorn
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# timeout: 30
# note: False friend: the application object is passed to `uvicorn.run`, but the configuration class says one worker and no reload (`WORKERS = 1`, `RELOAD = False`), and uvicorn needs an import string only for workers > 1 or reload (uvicorn/main.py: `if (config.reload or config.workers > 1) and not isinstance(app, str)`); the server runs in this process and is stopped after two seconds. The class-attribute configuration of Flask-style projects; the condition from https://github.com/Kludex/uvicorn/pull/481.
import os
import signal
import threading

import uvicorn


class Config:
    HOST = "127.0.0.1"
    PORT = 0
    WORKERS = 1
    RELOAD = False


async def app(scope, receive, send):
    pass


if __name__ == "__main__":
    threading.Timer(2.0, lambda: os.kill(os.getpid(), signal.SIGINT)).start()
    uvicorn.run(app, host=Config.HOST, port=Config.PORT, workers=Config.WORKERS, reload=Config.RELOAD,
                log_level="warning")
    print("RESULT=stopped")
