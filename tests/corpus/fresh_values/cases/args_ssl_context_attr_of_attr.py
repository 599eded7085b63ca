# family: args
# hazard: unpicklable-argument
# line: 40 38
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: Shape of https://github.com/EvolvingLMMs-Lab/lmms-eval/issues/818 and https://github.com/verl-project/verl/issues/4894 ("TypeError: cannot pickle 'SSLContext' object"): an API client whose HTTP session holds an ssl.SSLContext is bound into the mapped function with functools.partial, so the pool pickles the client with every task.
"""Describe documents with a remote API, one document per pool task."""
import functools
import multiprocessing
import ssl


class HttpSession:
    def __init__(self, base_url, verify=True):
        self.base_url = base_url
        self.headers = {"User-Agent": "describer/1.0"}
        self.ssl_context = ssl.create_default_context() if verify else None

    def post(self, path, payload):
        # the network call is simulated: the reply is derived from the payload
        return {"url": self.base_url + path, "length": len(payload)}


class ApiClient:
    def __init__(self, base_url, api_key):
        self.api_key = api_key
        self.session = HttpSession(base_url)

    def describe(self, doc):
        return self.session.post("/describe", doc)["length"]


def describe_doc(client, doc):
    return doc, client.describe(doc)


def main(docs):
    client = ApiClient("https://api.example.com", api_key="k-123")
    work = functools.partial(describe_doc, client)
    with multiprocessing.Pool(2) as pool:
        results = pool.map(work, docs)
    print(dict(results))


if __name__ == "__main__":
    main(["chart one", "chart two", "table"])
