# family: exceptions
# hazard: task-raises-unrebuildable-exception
# line: 37 49
# files: r21kit/genai_errors.py r21kit/genai_models.py
# timeout: 20
# expect: fork=error:TypeError+hang spawn=error:TypeError+hang forkserver=error:TypeError+hang
# note: https://github.com/googleapis/python-genai/issues/572 -- "Client Error / API error fails to pickle in multi-processing setup": generate_content called from a function run by multiprocessing.Pool().imap raises google.genai.errors.ClientError (400 INVALID_ARGUMENT, "The document has no pages." for a buffer seek()'d to its end); the parent's result handler cannot rebuild it ("Exception in thread Thread-3 (_handle_results)" ... TypeError: APIError.__init__() missing 1 required positional argument: 'response_json'), the thread dies and imap never returns
"""Summarise a folder of attachments with a generative model, several at a time."""
import argparse
import io
import multiprocessing
import sys

from r21kit.genai_errors import APIError
from r21kit.genai_models import Models, attachment_from_buffer

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
    return name, client.generate_content([part])


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
