# family: args
# hazard: sync-object-not-kept-alive
# line: 23
# expect: fork=ok spawn=error:FileNotFoundError forkserver=error:FileNotFoundError
# note: Shape of https://github.com/python/cpython/issues/94765 ("multiprocessing.Process generates FileNotFoundError when argument isn't explicitly referenced"): the shared counter is made by a helper and handed straight into Process args, so once start() drops its arguments the parent holds no reference and the semaphore behind the Value is unlinked before a spawned child rebuilds it.
import multiprocessing
import sys


def make_counter(initial=0):
    return multiprocessing.Value("i", initial)


def demo(argument):
    with argument.get_lock():
        argument.value += 1
    print("child saw", argument.value)


def launch(n=2):
    processes = []
    for _ in range(n):
        process = multiprocessing.Process(target=demo, args=[make_counter()])
        process.start()
        processes.append(process)
    for process in processes:
        process.join()
    return [p.exitcode for p in processes]


if __name__ == "__main__":
    codes = launch()
    print("RESULT=%s" % codes)
    sys.exit(0 if codes == [0, 0] else 3)
