# family: daemon
# hazard: daemon-children
# line: 16
# expect: fork=daemon_children spawn=daemon_children forkserver=daemon_children
# note: shape of https://github.com/transientskp/tkp/issues/608 ("timestep raised AssertionError: daemonic processes are not allowed to have children"): the pipeline step runs in a multiprocessing.Pool worker and starts a Process
import multiprocessing


def source_finder(image_id, out):
    out.put(image_id * 10)


def timestep(image_id):
    out = multiprocessing.Queue()
    p = multiprocessing.Process(target=source_finder, args=(image_id, out))
    p.start()
    value = out.get()
    p.join()
    return value


def run_pipeline(images, cfg):
    with multiprocessing.Pool(cfg["procs"]) as pool:
        return pool.map(timestep, images)


def main():
    results = run_pipeline([1, 2, 3], {"procs": 2})
    print("RESULT=" + str(sum(results)))


if __name__ == "__main__":
    main()
