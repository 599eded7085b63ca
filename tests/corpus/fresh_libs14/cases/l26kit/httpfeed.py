"""A tiny status-feed client built on httpx.

The transport is an in-process httpx.MockTransport standing in for the upstream service, so the
programs need no network: mirrors whose name contains "down" answer 503.
"""
import json
from dataclasses import dataclass

import httpx


def _upstream(request: httpx.Request) -> httpx.Response:
    host = request.url.host
    if "down" in host:
        return httpx.Response(503, text="maintenance")
    body = {"mirror": host, "packages": len(host) * 10, "lag_s": len(host) % 7}
    return httpx.Response(200, text=json.dumps(body))


@dataclass
class FeedConfig:
    timeout_s: float = 2.0
    user_agent: str = "feedpoll/1.4"


def make_client(config: FeedConfig) -> httpx.Client:
    return httpx.Client(transport=httpx.MockTransport(_upstream), timeout=config.timeout_s,
                        headers={"User-Agent": config.user_agent})


def fetch_status(client: httpx.Client, mirror: str) -> dict:
    response = client.get(f"https://{mirror}/status.json")
    response.raise_for_status()
    return response.json()
