"""A lambda handed to Pool.map: tasks are pickled under every start method, so this fails even on
Linux with fork (`_pickle.PicklingError: Can't pickle <function <lambda> ...>`)."""
import multiprocessing

if __name__ == "__main__":
    with multiprocessing.Pool(2) as pool:
        print(pool.map(lambda x: x * 2, range(4)))
