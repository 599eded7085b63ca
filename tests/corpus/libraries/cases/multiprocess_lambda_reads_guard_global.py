# family: multiprocess
# hazard: parent-state-not-inherited
# line: 17 19
# expect: fork=ok spawn=error:NameError forkserver=error:NameError
# timeout: 60
# note: A price report maps a lambda over the orders and the lambda reads `rates`, a table the main block loads. dill copies the lambda's code but looks its globals up in the child's `__main__`, which under spawn and forkserver is the re-imported script whose main block never ran: NameError: name 'rates' is not defined; forked workers inherit the table. The mechanism of https://github.com/uqfoundation/dill/issues/559 (a function of __main__ reconstructed in a spawned child sees the __mp_main__ globals) with multiprocess's Pool.
import multiprocess as mp


def load_rates():
    return {"EUR": 1.10, "GBP": 1.30, "USD": 1.00}


ORDERS = [("EUR", 10), ("GBP", 4), ("USD", 7), ("EUR", 2)]

if __name__ == "__main__":
    rates = load_rates()
    with mp.Pool(2) as pool:
        totals = pool.map(lambda order: round(order[1] * rates[order[0]], 2), ORDERS)
    print("RESULT=" + str(totals))
