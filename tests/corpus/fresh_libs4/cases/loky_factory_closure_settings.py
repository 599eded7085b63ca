# family: callable
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: joblib #1219 (https://github.com/joblib/joblib/issues/1219) asks where to put "import dill as pickle"; loky already serialises with cloudpickle, so a closure made by a factory over client-free ApiSettings (l4kit.clients.build_settings(with_client=False)) reaches loky's workers.
from loky import get_reusable_executor

from l4kit.clients import build_settings


def make_fetcher(settings):
    prefix = settings.base_url.rstrip("/")

    def fetch(path):
        return f"{prefix}/{path}?t={settings.timeout}"

    return fetch


if __name__ == "__main__":
    settings = build_settings({"base_url": "https://spacy.example.invalid/", "timeout": 2.0}, with_client=False)
    fetch = make_fetcher(settings)
    executor = get_reusable_executor(max_workers=2)
    futures = [executor.submit(fetch, name) for name in ("a", "b", "c")]
    print("RESULT=" + ",".join(f.result().rsplit("/", 1)[1] for f in futures))
