# family: daemon
# hazard: daemon-children
# line: 11
# expect: fork=daemon_children spawn=daemon_children forkserver=daemon_children
# note: Shape of https://github.com/SudeepDasari/visual_foresight/issues/12 ("demonic process are not allowed to have children" with --nworker > 1): run.py maps use_worker over a Pool, each worker builds Sim(conf), whose agent type from the config starts a file-saver Manager in its __init__.
import sys
from multiprocessing import Manager, Pool


def start_file_worker():
    m = Manager()
    return m, m.Queue()


class GeneralAgent:
    def __init__(self, hyperparams):
        self._hp = hyperparams
        self._save_manager, self._save_worker = start_file_worker()

    def sample(self, itr):
        self._save_worker.put(("traj", itr))
        return {"itr": itr, "T": self._hp["T"]}


class Sim:
    def __init__(self, config):
        self.config = config
        self.agent = config["agent"]["type"](config["agent"])

    def run(self, itr):
        return self.agent.sample(itr)


def use_worker(conf):
    s = Sim(conf)
    return s.run(conf["start_index"])


def main(nworkers=2):
    base = {"agent": {"type": GeneralAgent, "T": 15}}
    confs = [dict(base, start_index=i) for i in range(nworkers)]
    if nworkers == 1:
        return [use_worker(confs[0])]
    with Pool(nworkers) as p:
        return p.map(use_worker, confs)


if __name__ == "__main__":
    out = main()
    print("RESULT=%d" % len(out))
    sys.exit(0 if len(out) == 2 else 3)
