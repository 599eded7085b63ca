"""The command runner of shellcmd.py with exceptions that survive pickling (after the sh fix).

ErrorReturnCode defines __reduce__ so that unpickling calls it with its three arguments.
"""
import subprocess


class ErrorReturnCode(Exception):
    truncate_cap = 200

    def __init__(self, full_cmd, stdout, stderr):
        self.full_cmd = full_cmd
        self.stdout = stdout
        self.stderr = stderr
        msg = "\n\n  RAN: %r\n\n  STDOUT:\n%s\n\n  STDERR:\n%s" % (
            full_cmd, stdout[:self.truncate_cap].decode(errors="replace"),
            stderr[:self.truncate_cap].decode(errors="replace"))
        super().__init__(msg)

    def __reduce__(self):
        return (self.__class__, (self.full_cmd, self.stdout, self.stderr))


class ErrorReturnCode_1(ErrorReturnCode):
    exit_code = 1


class ErrorReturnCode_2(ErrorReturnCode):
    exit_code = 2


_BY_CODE = {1: ErrorReturnCode_1, 2: ErrorReturnCode_2}


def run(argv):
    proc = subprocess.run(argv, capture_output=True)
    if proc.returncode:
        exc_class = _BY_CODE.get(proc.returncode, ErrorReturnCode)
        raise exc_class(" ".join(argv), proc.stdout, proc.stderr)
    return proc.stdout.decode()
