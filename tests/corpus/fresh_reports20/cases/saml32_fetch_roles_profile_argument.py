# family: globals
# hazard: none
# line: none
# files: r24kit/samlprofile.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/turnerlabs/samlkeygen/pull/32 -- the fix: the credentials entered once are handed to each worker with its task (a Profile record bound with functools.partial) instead of being read from a module global the spawned children never see
import argparse
import functools
import multiprocessing

from r24kit.samlprofile import Profile

ROLES = {
    "prod": ["arn:aws:iam::111:role/admin", "arn:aws:iam::111:role/readonly"],
    "dev": ["arn:aws:iam::222:role/admin"],
}


def fetch_role_credentials(profile, role):
    assertion = profile.assertion_for(role.rsplit("/", 1)[-1])
    token = "%s-%d" % (role.rsplit("/", 1)[-1], len(profile.password))
    return role, token if assertion else None


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
    profile = Profile(args.username, args.password)
    roles = [r for rs in ROLES.values() for r in rs]
    writer = CredentialWriter()
    fetch = functools.partial(fetch_role_credentials, profile)
    with multiprocessing.Pool(args.processes) as pool:
        for role, token in pool.map(fetch, roles):
            writer.add(role, token)
    print("RESULT=%s" % writer.summary())


if __name__ == "__main__":
    main()
