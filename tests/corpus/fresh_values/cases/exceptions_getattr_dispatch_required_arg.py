# family: exceptions
# hazard: unpicklable-exception
# line: 12 42 32
# expect: fork=broken_process_pool spawn=broken_process_pool forkserver=broken_process_pool
# note: Shape of https://github.com/tkarabela/pysubs2/issues/97 ("FormatAutodetectionError.__init__() missing 1 required positional argument: 'formats'" in the pool's result handler) and https://github.com/python/cpython/issues/120810: the task is chosen by getattr dispatch on a converter module object, and the format error it raises keeps a required argument out of Exception.args.
"""Convert subtitle files on a process pool; the converter is chosen by the file's format."""
from concurrent.futures import ProcessPoolExecutor


class FormatAutodetectionError(Exception):
    def __init__(self, content, formats):
        super().__init__(f"cannot detect the format among {formats}")
        self.content = content
        self.formats = formats


class Converters:
    FORMATS = ("srt", "ass")

    @staticmethod
    def convert_srt(text):
        return text.replace(",", ".")

    @staticmethod
    def convert_ass(text):
        return text.upper()

    @staticmethod
    def convert_auto(text):
        if "-->" in text:
            return Converters.convert_srt(text)
        raise FormatAutodetectionError(text[:20], Converters.FORMATS)


def pick(kind):
    return getattr(Converters, "convert_" + kind)


def main():
    files = [("srt", "00:01,5 --> 00:02,0"), ("auto", "just words"), ("ass", "dialogue")]
    with ProcessPoolExecutor(max_workers=2) as pool:
        futures = [pool.submit(pick(kind), text) for kind, text in files]
        for fut in futures:
            try:
                print(fut.result(timeout=20))
            except FormatAutodetectionError as exc:
                print("skipped:", exc)


if __name__ == "__main__":
    main()
