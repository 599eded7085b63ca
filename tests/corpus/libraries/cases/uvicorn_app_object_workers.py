# family: uvicorn
# hazard: server-app-not-import-string
# line: 16
# expect: fork=wrong_result spawn=wrong_result forkserver=wrong_result
# note: uvicorn.run() given the ASGI application object with workers=2 (the production setting): uvicorn prints 'You must pass the application as an import string to enable 'reload' or 'workers'.' and exits with status 3. Modelled on https://github.com/encode/uvicorn (uvicorn/main.py) and the FastAPI deployment docs (https://fastapi.tiangolo.com/deployment/server-workers/).
import uvicorn


async def app(scope, receive, send):
    if scope["type"] == "http":
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})


if __name__ == "__main__":
    uvicorn.run(app, host="127.0.0.1", port=0, workers=2, log_level="warning")
