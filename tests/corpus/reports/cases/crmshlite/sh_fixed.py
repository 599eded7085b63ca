"""Reduced crmsh.sh after the fix: CommandFailure defines __reduce__ so it survives pickling."""
import subprocess
import sys


class Error(ValueError):
    def __init__(self, msg, cmd):
        super().__init__(msg)
        self.cmd = cmd


class CommandFailure(Error):
    def __init__(self, cmd, host, user, msg):
        if host is None and user is None:
            super().__init__("Failed to run '{}': {}".format(cmd, msg), cmd)
        elif user is None:
            super().__init__("Failed to run command on {}: '{}': {}".format(host, cmd, msg), cmd)
        else:
            super().__init__("Failed to run command as {}@{}: '{}': {}".format(user, host, cmd, msg), cmd)
        self.host = host
        self.user = user
        self.cmd = cmd
        self.msg = msg

    def __reduce__(self):
        '''
        Return a tuple that Python will use for pickling this object
        '''
        return CommandFailure, (self.cmd, self.host, self.user, self.msg)


class LocalShell:
    def get_stdout_or_raise_error(self, user, cmd, success_exit_status=None):
        result = subprocess.run([sys.executable, "-c", cmd], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE)
        ok = {0} if success_exit_status is None else success_exit_status
        if result.returncode not in ok:
            raise CommandFailure(cmd, None, user, result.stderr.decode().strip())
        return result.stdout.decode().strip()


def cluster_shell():
    return LocalShell()
