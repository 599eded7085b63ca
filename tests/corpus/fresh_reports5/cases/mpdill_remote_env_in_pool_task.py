# family: daemon
# hazard: daemon-children
# line: 20
# expect: fork=daemon_children spawn=daemon_children forkserver=daemon_children
# note: multiprocessing_on_dill #4: an environment wrapper that starts its own worker Process (talking over a Pipe) was built inside tasks assigned to a Pool: "daemonic processes are not allowed to have children" (https://github.com/sixty-north/multiprocessing_on_dill/issues/4)
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
    with multiprocessing.Pool(2) as pool:
        print("RESULT=%s" % pool.map(rollout, range(3)))
