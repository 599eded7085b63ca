# family: library
# hazard: unpicklable-argument
# line: 39 40
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: Shape of https://github.com/econ-ark/HARK/pull/377 ("move to default loky joblib backend, so lambda functions are picklable"; HARK's multiThreadCommands ran `Parallel(n_jobs=..., backend='multiprocessing')(delayed(runCommands)(agent, command_list) for agent in agent_list)`): each agent keeps its utility function as a lambda attribute, and the multiprocessing backend pickles the agents with plain pickle.
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
    results = Parallel(n_jobs=num_jobs, backend="multiprocessing")(
        delayed(runCommands)(agent, command_list) for agent in agent_list)
    return results


def main():
    agents = [AgentType("type%d" % i, CRRA=2.0 + i, DiscFac=0.96) for i in range(3)]
    solved = multiThreadCommands(agents, ["solve"])
    print("RESULT=%s" % solved)
    return 0


if __name__ == "__main__":
    sys.exit(main())
