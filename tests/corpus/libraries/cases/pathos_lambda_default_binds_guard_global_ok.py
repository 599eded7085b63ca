# family: pathos
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# timeout: 60
# note: False friend: the same report through pathos with the fix for https://github.com/uqfoundation/dill/issues/559's behaviour: the table made under the main guard is bound as the lambda's default argument, and dill sends a lambda's defaults by value with its code, so spawned workers never look `rates` up in the re-imported script.
from pathos.multiprocessing import ProcessPool


def load_rates():
    return {"EUR": 1.10, "GBP": 1.30, "USD": 1.00}


ORDERS = [("EUR", 10), ("GBP", 4), ("USD", 7), ("EUR", 2)]

if __name__ == "__main__":
    rates = load_rates()
    pool = ProcessPool(nodes=2)
    totals = pool.map(lambda order, table=rates: round(order[1] * table[order[0]], 2), ORDERS)
    pool.close()
    pool.join()
    print("RESULT=" + str(totals))
