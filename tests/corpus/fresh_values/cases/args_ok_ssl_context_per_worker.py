# family: args
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: The workaround discussed in https://github.com/EvolvingLMMs-Lab/lmms-eval/issues/818 and https://github.com/Xpra-org/xpra/issues/4362: only the settings travel to the pool; each worker builds its own client (and SSLContext) in the pool initializer, so nothing unpicklable is sent.
"""Describe documents with a remote API, one client per pool worker."""
import multiprocessing
import ssl

_client = None


class HttpSession:
    def __init__(self, base_url, verify=True):
        self.base_url = base_url
        self.headers = {"User-Agent": "describer/1.0"}
        self.ssl_context = ssl.create_default_context() if verify else None

    def post(self, path, payload):
        return {"url": self.base_url + path, "length": len(payload)}


class ApiClient:
    def __init__(self, base_url, api_key):
        self.api_key = api_key
        self.session = HttpSession(base_url)

    def describe(self, doc):
        return self.session.post("/describe", doc)["length"]


def init_worker(base_url, api_key):
    global _client
    _client = ApiClient(base_url, api_key)


def describe_doc(doc):
    return doc, _client.describe(doc)


def main(docs):
    settings = ("https://api.example.com", "k-123")
    with multiprocessing.Pool(2, initializer=init_worker, initargs=settings) as pool:
        results = pool.map(describe_doc, docs)
    print(dict(results))


if __name__ == "__main__":
    main(["chart one", "chart two", "table"])
