# family: uvicorn
# hazard: server-app-not-import-string
# line: 41
# expect: fork=wrong_result spawn=wrong_result forkserver=wrong_result
# timeout: 30
# note: uvicorn's "You must pass the application as an import string to enable 'reload' or 'workers'" with reload=True coming from a development config class spread into uvicorn.run(**kwargs), the shape of FastAPI tutorial run.py scripts.
"""Development launcher: options come from a config class per environment."""
import os

import uvicorn


class BaseConfig:
    HOST = "127.0.0.1"
    PORT = 8766
    RELOAD = False
    LOG_LEVEL = "info"

    @classmethod
    def uvicorn_kwargs(cls):
        return {"host": cls.HOST, "port": cls.PORT,
                "reload": cls.RELOAD, "log_level": cls.LOG_LEVEL}


class DevConfig(BaseConfig):
    RELOAD = True
    LOG_LEVEL = "warning"


CONFIGS = {"dev": DevConfig, "prod": BaseConfig}


async def app(scope, receive, send):
    if scope["type"] == "http":
        await send({"type": "http.response.start", "status": 204, "headers": []})
        await send({"type": "http.response.body", "body": b""})


if __name__ == "__main__":
    config = CONFIGS[os.environ.get("APP_ENV", "dev")]
    uvicorn.run(app, **config.uvicorn_kwargs())
    print("RESULT=served")
