# family: daemon
# hazard: none
# line: none
# files: r6kit/envs.py
# expect: fork=ok spawn=ok forkserver=ok
# note: github.com/huawei-noah/xingtian/pull/11 -- the merged change: explorers are started with daemon=False, so an environment may run its simulator in a child process.
import multiprocessing

from r6kit.envs import SimEnv

ENV_REGISTRY = {"sim": SimEnv}


def build_env(env_info):
    env_cls = ENV_REGISTRY[env_info["env_name"]]
    return env_cls(**env_info.get("kwargs", {}))


def explore(env_info, steps, result_queue):
    env = build_env(env_info)
    states = [env.step(1) for _ in range(steps)]
    env.close()
    result_queue.put(states[-1])


class Explorer:
    def __init__(self, config):
        self.config = config
        self.result_queue = multiprocessing.Queue()

    def start(self):
        self.proc = multiprocessing.Process(
            target=explore,
            args=(self.config["env_para"], self.config["steps"], self.result_queue),
            daemon=False,
        )
        self.proc.start()

    def result(self):
        state = self.result_queue.get(timeout=10)
        self.proc.join(10)
        return state


if __name__ == "__main__":
    config = {"env_para": {"env_name": "sim", "kwargs": {"level": 3}}, "steps": 4}
    explorer = Explorer(config)
    explorer.start()
    print("RESULT=%s" % explorer.result())
