# family: pebble
# hazard: unpicklable-callable
# line: 15
# expect: fork=ok spawn=error:AttributeError forkserver=error:AttributeError
# timeout: 20
# note: A @concurrent.process function defined inside main(): under spawn the child looks it up by name and fails (AttributeError: module '__mp_main__' has no attribute 'main.<locals>.checksum'). Modelled on https://github.com/noxdafox/pebble/issues/60 (functions the worker cannot find).
from pebble import concurrent


def main():
    @concurrent.process(timeout=10)
    def checksum(data):
        return sum(data) % 256

    print("RESULT=" + str(checksum(list(range(100))).result()))


if __name__ == "__main__":
    main()
