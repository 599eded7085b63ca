# family: billiard
# hazard: unpicklable-callable
# line: 34
# expect: fork=deadlock spawn=deadlock forkserver=deadlock
# timeout: 30
# note: A Celery project's maintenance script reuses billiard (Celery's fork of multiprocessing) directly and maps a lambda over a Pool. billiard pickles pool tasks like multiprocessing does, so the lambda cannot be sent even under fork; observed here, billiard 4.3 does not report the pickling failure to the caller: `pool.map` waits for ever with nothing on stderr (a silent hang under every start method). Shape of https://github.com/celery/billiard/issues/201 (a billiard Pool script from the maintainers' tracker) and https://github.com/uqfoundation/multiprocess/issues/18 (a lambda mapped over a Pool, the pickling traceback in _handle_tasks).
"""Re-normalise stored task payloads with billiard's Pool."""
import json

from billiard import Pool

PAYLOADS = [
    '{"task": "send_mail", "retries": "3", "eta": null}',
    '{"task": "resize", "retries": 1, "eta": "2024-01-01T00:00:00"}',
    '{"task": "cleanup", "retries": "0"}',
]


def load(raw):
    data = json.loads(raw)
    data["retries"] = int(data.get("retries", 0))
    data.setdefault("eta", None)
    return data


def describe(payload):
    when = payload["eta"] or "now"
    return f"{payload['task']} x{payload['retries']} at {when}"


def main():
    pool = Pool(processes=2)
    try:
        normalised = pool.map(lambda raw: load(raw), PAYLOADS)
    finally:
        pool.terminate()
        pool.join()
    for payload in normalised:
        print(describe(payload))
    print("RESULT=" + str(sum(p["retries"] for p in normalised)))


if __name__ == "__main__":
    main()
