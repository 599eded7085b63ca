"""An astropy-like table: Table keeps plain columns; QTable's quantity columns point back at their table."""
import weakref
from dataclasses import dataclass


@dataclass(frozen=True)
class Unit:
    name: str

    def __rmul__(self, values):
        return Quantity(list(values), self)


class Quantity(list):
    def __init__(self, values, unit):
        super().__init__(values)
        self.unit = unit


class QuantityColumn(Quantity):
    """A column of a QTable: it knows its parent table (through a weak reference, as astropy's columns do)."""

    def __init__(self, values, unit, name, table):
        super().__init__(values, unit)
        self.name = name
        self._parent_table = weakref.ref(table)

    @property
    def parent_table(self):
        return self._parent_table()


class Table:
    """Plain columns (lists) plus a dict of unit names."""

    def __init__(self, source=None):
        self.columns = {}
        self.units = {}
        if source is not None:
            for name in source.colnames:
                self.columns[name] = list(source[name])
                self.units[name] = getattr(source[name], "unit", None)

    @property
    def colnames(self):
        return list(self.columns)

    def __getitem__(self, name):
        return self.columns[name]

    def __len__(self):
        return len(next(iter(self.columns.values()), []))


class QTable(Table):
    def __init__(self, source=None):
        super().__init__()
        if source is not None:
            for name in source.colnames:
                unit = source.units.get(name) if isinstance(source, Table) else source[name].unit
                self[name] = Quantity(list(source[name]), unit)

    def __setitem__(self, name, quantity):
        self.columns[name] = QuantityColumn(quantity, quantity.unit, name, self)
        self.units[name] = quantity.unit


TeV = Unit("TeV")
FLUX = Unit("1 / (cm2 s TeV)")


def read_sed(n=8):
    """The spectral energy distribution of a source, as naima reads it into a QTable."""
    data = QTable()
    data["energy"] = [0.5 * (i + 1) for i in range(n)] * TeV
    data["flux"] = [10.0 / (0.5 * (i + 1)) ** 2 for i in range(n)] * FLUX
    data["flux_error"] = [0.1 * (10.0 / (0.5 * (i + 1)) ** 2) for i in range(n)] * FLUX
    return data
