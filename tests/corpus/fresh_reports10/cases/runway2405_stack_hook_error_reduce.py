# family: exceptions
# hazard: none
# line: none
# files: r10kit/runway_errors.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/rackspace/runway/issues/2405 -- the fix the maintainers describe: an exception that takes more than one argument gets a __reduce__ returning its class and its positional arguments, so it is rebuilt in the parent and the deploy reports the missing hook
import concurrent.futures
import sys
from dataclasses import dataclass, field

from r10kit.runway_errors import HookNotFoundPicklable, RunwayError

HOOKS = {"vpc": ["pre_build"], "app": ["pre_build", "post_deploy"]}


@dataclass
class Stack:
    name: str
    hooks: list = field(default_factory=list)


def deploy_stack(stack):
    for hook in stack.hooks:
        if hook not in HOOKS.get(stack.name, []):
            raise HookNotFoundPicklable(hook, "runway.%s.yml" % stack.name)
    return "%s: deployed" % stack.name


class Deployer:
    def __init__(self, stacks, max_workers=2):
        self.stacks = stacks
        self.max_workers = max_workers

    def run(self):
        with concurrent.futures.ProcessPoolExecutor(self.max_workers) as ex:
            futures = {ex.submit(deploy_stack, s): s.name for s in self.stacks}
            for fut in concurrent.futures.as_completed(futures):
                try:
                    print(fut.result())
                except RunwayError as err:
                    print("%s: failed: %s" % (futures[fut], err))


def main():
    stacks = [Stack("vpc", ["pre_build"]), Stack("app", ["pre_build", "post_deplyo"])]
    Deployer(stacks).run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
