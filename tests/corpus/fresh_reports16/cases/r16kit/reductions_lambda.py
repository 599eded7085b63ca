"""get_pandas_reduction as fast-carpenter had it after its merge request !8: it returns lambdas."""


class BadReductionConfig(Exception):
    pass


_pandas_aggregates = {"sum": sum, "max": max, "min": min}
_numpy_ops = {"count_zero": lambda values: sum(1 for v in values if v == 0)}


def get_pandas_reduction(stage_name, reduction):
    if not isinstance(reduction, (str, int)):
        raise BadReductionConfig("%s: requested reduce method is not a string or an int" % stage_name)
    if reduction in _pandas_aggregates:
        method = _pandas_aggregates[reduction]
        return lambda groups, column: groups.agg(method, column)
    if reduction in _numpy_ops:
        op = _numpy_ops[reduction]
        return lambda groups, column: groups.agg(op, column)
    try:
        index = int(reduction)
    except ValueError:
        pass
    else:
        return lambda groups, column: groups.nth(index, column)
    raise BadReductionConfig("%s: Unknown method to reduce: '%s'" % (stage_name, reduction))
