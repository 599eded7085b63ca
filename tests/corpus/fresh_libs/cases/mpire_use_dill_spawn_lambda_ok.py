# family: mpire
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# timeout: 30
# note: False friend: mpire with `start_method="spawn"` and `use_dill=True`, a lambda and a closure as tasks, under the main guard: dill serialises both for the spawned workers. mpire docs, "Dill" (https://sybrenjansen.github.io/mpire/master/usage/workerpool/dill.html: "use_dill=True ... allows to use lambdas, nested functions").
"""Convert temperatures with user-defined formulas (lambdas) in mpire workers."""
from mpire import WorkerPool

READINGS_C = [-40.0, -10.0, 0.0, 21.5, 37.0, 100.0]

FORMULAS = {
    "fahrenheit": lambda c: c * 9 / 5 + 32,
    "kelvin": lambda c: c + 273.15,
}


def offset(delta):
    def shifted(c):
        return c + delta

    return shifted


def convert_all(unit):
    formula = FORMULAS[unit]
    with WorkerPool(n_jobs=2, start_method="spawn", use_dill=True) as pool:
        converted = pool.map(lambda c: round(formula(c), 2), READINGS_C)
        calibrated = pool.map(offset(0.5), READINGS_C)
    return converted, calibrated


if __name__ == "__main__":
    fahrenheit, calibrated = convert_all("fahrenheit")
    for c, f in zip(READINGS_C, fahrenheit):
        print(f"{c:7.1f} C = {f:7.1f} F")
    print("calibrated:", calibrated)
    kelvin, _ = convert_all("kelvin")
    print("kelvin:", kelvin)
    print("RESULT=" + str(fahrenheit[0]))
