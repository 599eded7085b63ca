"""A tastytrade-like session: login tokens plus an httpx client (here on an in-process MockTransport)."""
import json

import httpx

BASE_URL = "https://api.broker.test"
PRICES = {"SPY": 512.25, "QQQ": 441.5, "IWM": 201.75, "TLT": 92.0}


def _answer(request: httpx.Request) -> httpx.Response:
    """The broker's API, answered in-process: /sessions logs in, /quotes/<sym> quotes."""
    if request.url.path == "/sessions":
        return httpx.Response(201, json={"data": {"session-token": "tok-123", "remember-token": "rem-9"}})
    if request.url.path.startswith("/quotes/"):
        if request.headers.get("Authorization") != "tok-123":
            return httpx.Response(401, json={"error": "unauthorised"})
        symbol = request.url.path.rsplit("/", 1)[1]
        return httpx.Response(200, json={"data": {"symbol": symbol, "last": PRICES.get(symbol, 0.0)}})
    return httpx.Response(404)


def make_client(token=None):
    headers = {"Authorization": token} if token else {}
    return httpx.Client(base_url=BASE_URL, headers=headers, transport=httpx.MockTransport(_answer))


class Session:
    def __init__(self, login, password, is_test=True):
        self.is_test = is_test
        bootstrap = make_client()
        data = bootstrap.post("/sessions", content=json.dumps({"login": login, "password": password})).json()
        bootstrap.close()
        self.session_token = data["data"]["session-token"]
        self.remember_token = data["data"]["remember-token"]
        self.sync_client = make_client(self.session_token)

    def get_quote(self, symbol):
        response = self.sync_client.get(f"/quotes/{symbol}")
        response.raise_for_status()
        return response.json()["data"]["last"]
