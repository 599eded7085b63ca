# family: globals
# hazard: global-set-in-parent
# line: 51 r24kit/samlcreds.py:11
# files: r24kit/samlcreds.py
# expect: fork=ok spawn=error:EOFError forkserver=error:EOFError
# note: https://github.com/turnerlabs/samlkeygen/pull/32 -- "global variables are not inherited by child processes on Windows ... causing all the children to try to re-prompt for the PIN+token": samlkeygen keeps the password entered once in a module global and fetches every role's credentials in a Pool; spawned workers find the global unset and prompt again (stdin is closed in the child)
import argparse
import multiprocessing

from r24kit import samlcreds

ROLES = {
    "prod": ["arn:aws:iam::111:role/admin", "arn:aws:iam::111:role/readonly"],
    "dev": ["arn:aws:iam::222:role/admin"],
}


def fetch_role_credentials(role):
    password = samlcreds.current_password()
    token = "%s-%d" % (role.rsplit("/", 1)[-1], len(password))
    return role, token


class CredentialWriter:
    def __init__(self):
        self.profiles = {}

    def add(self, role, token):
        account = role.split("::")[1].split(":")[0]
        self.profiles["%s-%s" % (account, role.rsplit("/", 1)[-1])] = token

    def summary(self):
        return ",".join(sorted(self.profiles))


def parse_args(argv=None):
    parser = argparse.ArgumentParser(prog="samlkeygen authenticate")
    parser.add_argument("--username", default="jdoe")
    parser.add_argument("--password", default="hunter2-123456")
    parser.add_argument("--all-accounts", action="store_true", default=True)
    parser.add_argument("--processes", type=int, default=2)
    return parser.parse_args(argv)


def main():
    args = parse_args()
    samlcreds.authenticate(args.username, args.password)
    roles = [r for rs in ROLES.values() for r in rs]
    writer = CredentialWriter()
    with multiprocessing.Pool(args.processes) as pool:
        for role, token in pool.map(fetch_role_credentials, roles):
            writer.add(role, token)
    print("RESULT=%s" % writer.summary())


if __name__ == "__main__":
    main()
