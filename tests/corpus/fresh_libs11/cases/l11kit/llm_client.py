"""An OpenAI-style client over httpx (openai/openai-python#837); no request ever leaves the machine."""
import os

import httpx


class ChatClient:
    def __init__(self, api_key, base_url="https://api.example.invalid/v1", timeout=10.0):
        self.api_key = api_key
        self._http = httpx.Client(base_url=base_url, timeout=timeout,
                                  headers={"Authorization": f"Bearer {api_key}"})

    def complete(self, prompt):
        request = self._http.build_request("POST", "/chat/completions", json={"prompt": prompt})
        # a deterministic stand-in for the reply: the request is built, never sent
        return f"{len(request.content)}:{prompt.split()[0].lower()}"


_PROCESS_CLIENT = None


def process_client():
    """One client per process, built lazily where it is used (the thread's advice)."""
    global _PROCESS_CLIENT
    if _PROCESS_CLIENT is None:
        _PROCESS_CLIENT = ChatClient(os.environ.get("CHAT_API_KEY", "sk-test"))
    return _PROCESS_CLIENT
