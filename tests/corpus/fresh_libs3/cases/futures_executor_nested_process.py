# family: daemon
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: near miss of https://github.com/transientskp/tkp/issues/608 (a multiproc pipeline step that starts processes inside a pool worker): ProcessPoolExecutor workers are not daemonic, so the step may start its own Process
import multiprocessing
from concurrent.futures import ProcessPoolExecutor


def source_finder(image_id, out):
    out.put(image_id * 10)


def timestep(image_id):
    out = multiprocessing.Queue()
    p = multiprocessing.Process(target=source_finder, args=(image_id, out))
    p.start()
    value = out.get()
    p.join()
    return value


def main():
    with ProcessPoolExecutor(max_workers=2) as ex:
        results = list(ex.map(timestep, [1, 2, 3]))
    print("RESULT=" + str(sum(results)))


if __name__ == "__main__":
    main()
