"""get_pandas_reduction after the fix of fast-carpenter issue 7: picklable callable classes."""


class BadReductionConfig(Exception):
    pass


def count_zero(values):
    return sum(1 for v in values if v == 0)


_pandas_aggregates = {"sum": sum, "max": max, "min": min}
_numpy_ops = {"count_zero": count_zero}


class PandasAggregate(object):
    def __init__(self, method):
        self.method = method

    def __call__(self, groups, column):
        return groups.agg(self.method, column)


class PandasNth(object):
    def __init__(self, index):
        self.index = index

    def __call__(self, groups, column):
        return groups.nth(self.index, column)


def get_pandas_reduction(stage_name, reduction):
    if not isinstance(reduction, (str, int)):
        raise BadReductionConfig("%s: requested reduce method is not a string or an int" % stage_name)
    if reduction in _pandas_aggregates:
        return PandasAggregate(_pandas_aggregates[reduction])
    if reduction in _numpy_ops:
        return PandasAggregate(_numpy_ops[reduction])
    try:
        index = int(reduction)
    except ValueError:
        pass
    else:
        return PandasNth(index)
    raise BadReductionConfig("%s: Unknown method to reduce: '%s'" % (stage_name, reduction))
