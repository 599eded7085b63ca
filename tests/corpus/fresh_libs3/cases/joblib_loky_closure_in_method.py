# family: callable
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: near miss of https://github.com/python/cpython/pull/3895 (a nested process_item moved out of the main block into a function): here the closure goes to joblib/loky, which accepts closures
from dataclasses import dataclass, field

from joblib import Parallel, delayed


@dataclass
class Scaler:
    factor: int = 3
    offset: int = 1
    n_jobs: int = 2
    history: list = field(default_factory=list)

    def transform(self, items):
        factor, offset = self.factor, self.offset

        def process_item(x):
            return x * factor + offset

        out = Parallel(n_jobs=self.n_jobs)(delayed(process_item)(x) for x in items)
        self.history.append(len(out))
        return out


def main():
    s = Scaler()
    print("RESULT=" + ",".join(map(str, s.transform([1, 2, 3]))))


if __name__ == "__main__":
    main()
