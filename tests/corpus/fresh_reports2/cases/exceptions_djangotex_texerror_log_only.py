# family: exceptions
# hazard: unpicklable-exception
# line: 30 19
# timeout: 12
# expect: fork=error:TypeError+hang spawn=error:TypeError+hang forkserver=error:TypeError+hang
# note: Shape of https://github.com/ramibch/django-tex/issues/36 (a TexError raised in a worker could not be sent back: "MaybeEncodingError: Error sending result ... TexError()"; fixed by "adding this line of code at the end of the TexError.__init__ method: super(TexError, self).__init__(log, source, template_name)"): the exception takes three arguments but passes only the parsed message to Exception.__init__, so the parent cannot rebuild it from the pickled args and the pool never returns.
"""Compile LaTeX reports in a worker pool and collect the errors."""
import multiprocessing
import re
import sys


class TexError(Exception):
    def __init__(self, log, source, template_name=None):
        self.log = log
        self.source = source
        self.template_name = template_name
        self.message = self.get_message()
        super().__init__(self.message)

    def get_message(self):
        match = re.search(r"^! (.*)$", self.log, re.M)
        return match.group(1) if match else "unknown LaTeX error"


def compile_template_to_pdf(job):
    template_name, source = job
    if "\\end{document}" not in source:
        log = "This is pdfTeX\n! Emergency stop.\n<*> %s" % template_name
        raise TexError(log, source, template_name)
    return template_name, len(source)


def main():
    jobs = [("invoice.tex", "\\begin{document}x\\end{document}"), ("report.tex", "\\begin{document}x")]
    with multiprocessing.Pool(2) as pool:
        try:
            done = pool.map(compile_template_to_pdf, jobs)
        except TexError as exc:
            done = ["error: %s" % exc.message]
    print("RESULT=%s" % done)
    return 0


if __name__ == "__main__":
    sys.exit(main())
