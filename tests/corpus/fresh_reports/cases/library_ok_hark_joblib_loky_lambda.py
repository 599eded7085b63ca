# family: library
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: The fix of https://github.com/econ-ark/HARK/pull/377 ("move to default loky joblib backend, so lambda functions are picklable"): the same agents, with their lambda attributes, go through joblib's default loky backend, which serialises them with cloudpickle.
"""Solve a list of consumer types in parallel."""
import sys

from joblib import Parallel, delayed


def CRRAutility(c, gam):
    return c ** (1.0 - gam) / (1.0 - gam)


class AgentType:
    def __init__(self, name, CRRA, DiscFac):
        self.name = name
        self.CRRA = CRRA
        self.DiscFac = DiscFac
        self.u = lambda c: CRRAutility(c, gam=self.CRRA)
        self.solution = None

    def solve(self):
        grid = [0.5 + 0.5 * i for i in range(10)]
        self.solution = max(grid, key=lambda c: self.u(c) * self.DiscFac)

    def simulate(self):
        return self.solution * 2


def runCommands(agent, command_list):
    for command in command_list:
        getattr(agent, command)()
    return agent.name, agent.solution


def multiThreadCommands(agent_list, command_list, num_jobs=2):
    results = Parallel(n_jobs=num_jobs)(
        delayed(runCommands)(agent, command_list) for agent in agent_list)
    return results


def main():
    agents = [AgentType("type%d" % i, CRRA=2.0 + i, DiscFac=0.96) for i in range(3)]
    solved = multiThreadCommands(agents, ["solve"])
    print("RESULT=%s" % solved)
    return 0


if __name__ == "__main__":
    sys.exit(main())
