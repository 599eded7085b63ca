# family: uvicorn
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# timeout: 30
# note: False friend: the documented form, the import string "module:app" with workers=2; the supervisor spawns workers that import the application by name (stopped after two seconds here). Modelled on https://www.uvicorn.org/deployment/ (workers need an import string).
import os
import signal
import threading

import uvicorn


async def app(scope, receive, send):
    pass


if __name__ == "__main__":
    threading.Timer(2.0, lambda: os.kill(os.getpid(), signal.SIGINT)).start()
    uvicorn.run("uvicorn_import_string_workers_ok:app", host="127.0.0.1", port=0, workers=2, log_level="warning")
