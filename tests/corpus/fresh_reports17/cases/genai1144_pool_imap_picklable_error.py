# family: exceptions
# hazard: none
# line: none
# files: r21kit/genai_errors.py r21kit/genai_models.py r21kit/genai_picklable.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/googleapis/python-genai/issues/1144 -- "APIError and subclasses are not unpicklable" (the same failure as #572): the reporter's work-round, a PicklableAPIError subclass whose __reduce__ returns (_rebuild, (state,)) and rebuilds without __init__ (commit e3d5712 then gave APIError this __reduce__); the task converts the SDK error into it, so the 400 reaches the parent's imap loop and is counted
"""Summarise a folder of attachments with a generative model, several at a time."""
import argparse
import io
import multiprocessing
import sys

from r21kit.genai_errors import APIError
from r21kit.genai_models import Models, attachment_from_buffer
from r21kit.genai_picklable import PicklableAPIError

SETTINGS = {"model": "gemini-2.0-flash", "processes": 2}


def load_buffers():
    buffers = {}
    for name, text in [("a.pdf", b"alpha beta gamma"), ("b.pdf", b"delta epsilon"),
                       ("c.pdf", b"zeta eta theta iota")]:
        buf = io.BytesIO(text)
        buffers[name] = buf
    # the last upload was read once already to compute its checksum
    empty = io.BytesIO(b"kappa lambda")
    empty.seek(0, io.SEEK_END)
    buffers["d.pdf"] = empty
    return buffers


def summarise(item):
    name, data = item
    client = Models(SETTINGS["model"])
    part = attachment_from_buffer(io.BytesIO(data))
    try:
        return name, client.generate_content([part])
    except APIError as err:
        raise PicklableAPIError.wrap(err) from None


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--processes", type=int, default=SETTINGS["processes"])
    args = parser.parse_args(argv)
    buffers = load_buffers()
    # the bytes each worker sees: what is left to read in each buffer
    items = [(name, buf.read()) for name, buf in sorted(buffers.items())]
    summaries, errors = {}, []
    with multiprocessing.Pool(args.processes) as pool:
        results = pool.imap(summarise, items)
        while True:
            try:
                name, text = next(results)
            except StopIteration:
                break
            except APIError as err:
                errors.append(err.code)
                continue
            summaries[name] = text
    print(f"RESULT=summaries:{len(summaries)} errors:{errors}")
    return 0 if errors == [400] else 3


if __name__ == "__main__":
    sys.exit(main())
