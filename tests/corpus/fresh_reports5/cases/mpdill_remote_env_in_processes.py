# family: daemon
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: the working layout for multiprocessing_on_dill #4: the environments are built in the parent, each starting its worker Process from the main process (https://github.com/sixty-north/multiprocessing_on_dill/issues/4)
import multiprocessing


def _env_worker(env_type, kwargs, conn):
    conn.send({"type": env_type, "obs": [0.0] * kwargs.get("size", 1)})
    conn.close()


class ExternalProcessEnv:
    def __init__(self, env_type, **constructor_kwargs):
        self._out, in_ = multiprocessing.Pipe()
        self._process = multiprocessing.Process(
            target=_env_worker, args=(env_type, constructor_kwargs, in_)
        )
        self._process.start()
        self.first = self._out.recv()
        self._process.join(5)


def rollout(seed):
    env = ExternalProcessEnv("cartpole", size=seed + 1)
    return len(env.first["obs"])


if __name__ == "__main__":
    print("RESULT=%s" % [rollout(seed) for seed in range(3)])
