# family: guard
# hazard: none
# line: none
# files: r8kit/gfunction.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/MassimoCimmino/pygfunction/issues/35 -- the version of the script the reporter says works: the same calls inside main(), run under `if __name__ == '__main__':`
from __future__ import division, print_function, absolute_import

import sys

import r8kit.gfunction as gt


def main():
    D = 4.0
    H = 175.0
    r_b = 0.075
    B = 7.5
    alpha = 1.0e-6

    dt = 100 * 3600.0
    Nt = 3
    time = [dt * (i + 1) for i in range(Nt)]
    N_1 = 2
    N_2 = 1
    boreField1 = gt.rectangle_field(N_1, N_2, B)
    gfunc = gt.uniform_temperature(boreField1, time, alpha, disp=True)
    print(f"RESULT={len(gfunc)}")
    if len(gfunc) != Nt:
        sys.exit(3)


if __name__ == "__main__":
    main()
