# family: guard
# hazard: missing-main-guard
# line: 26 r8kit/gfunction.py:15
# files: r8kit/gfunction.py
# expect: fork=ok spawn=bootstrap_error+hang forkserver=bootstrap_error+hang
# timeout: 8
# note: https://github.com/MassimoCimmino/pygfunction/issues/35 -- a whole script without `if __name__ == '__main__'` calling gt.gfunction.uniform_temperature gets stuck in an endless error loop at "Identifying similarities" on Windows; run line by line it works
from __future__ import division, print_function, absolute_import

import sys

import r8kit.gfunction as gt

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
