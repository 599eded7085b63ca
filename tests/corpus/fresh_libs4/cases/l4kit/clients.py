"""HTTP settings shared by the fitting and download programs."""
from dataclasses import dataclass, field

import httpx


@dataclass
class ApiSettings:
    base_url: str
    timeout: float = 5.0
    client: httpx.Client = None
    headers: dict = field(default_factory=dict)


def build_settings(config, with_client=True):
    settings = ApiSettings(base_url=config["base_url"], timeout=config.get("timeout", 5.0))
    if with_client:
        settings.client = httpx.Client(base_url=settings.base_url, timeout=settings.timeout)
    return settings
