#!/usr/bin/env python3
"""Where the constants of netgrad's exp and tanh (runtime/Kernels.java)
and the test data of exp, tanh and log1p come from.

  python3 elementary.py tanh-coefficients   prints g's coefficients: tanh(x) = x + x s g(s), s = x^2, |x| < 0.55
  python3 elementary.py exp-table           prints EXP2_HI and EXP2_LO: 2^(j/4), j = 0 .. 3, rounded, and what rounding left out
  python3 elementary.py references          writes tanh.txt, exp.txt and log1p.txt: 4,000 seeded arguments each and the
                                            function to 50 digits (read by dev.netgrad.runtime.ElementaryAccuracyTest)

g interpolates (tanh(x) / x - 1) / s at the 11 Chebyshev nodes of [0, 0.3025] (degree 10), solved
exactly in 60-digit decimal arithmetic, then rounded to doubles. Python's standard library only.
"""
import math
import random
import sys
from decimal import Decimal, getcontext

S_MAX = Decimal("0.3025")  # 0.55^2
DEGREE = 10


def tanh(x):
    t = (-2 * abs(x)).exp()
    value = (1 - t) / (1 + t)
    return -value if x < 0 else value


def g(s):
    r = s.sqrt()
    return (tanh(r) / r - 1) / s


def solve(a, b):
    n = len(b)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(m[r][c]))
        m[c], m[p] = m[p], m[c]
        for r in range(n):
            if r != c:
                f = m[r][c] / m[c][c]
                m[r] = [m[r][k] - f * m[c][k] for k in range(n + 1)]
    return [m[i][n] / m[i][i] for i in range(n)]


def tanh_coefficients():
    getcontext().prec = 60
    n = DEGREE + 1
    nodes = [S_MAX / 2 + S_MAX / 2 * Decimal(math.cos(math.pi * (j + 0.5) / n)) for j in range(n)]
    print(", ".join(repr(float(c)) for c in solve([[s ** k for k in range(n)] for s in nodes], [g(s) for s in nodes])))


def exp_table():
    getcontext().prec = 60
    ln2 = Decimal(2).ln()
    high, low = [], []
    for j in range(4):
        exact = (ln2 * j / 4).exp()
        h = float(exact)
        high.append(repr(h))
        low.append(repr(float(exact - Decimal(h))))
    print("EXP2_HI", ", ".join(high))
    print("EXP2_LO", ", ".join(low))


def write(name, header, lines):
    with open(name, "w") as out:
        out.write("\n".join([header, "# Made once with a seeded generator; read by dev.netgrad.runtime.ElementaryAccuracyTest."] + lines) + "\n")


def tanh_references():
    random.seed(11)
    getcontext().prec = 50
    lines = []
    for _ in range(4000):
        r = random.random()
        if r < 0.3:
            x = random.gauss(0, 3)
        elif r < 0.55:
            x = random.uniform(-0.55, 0.55)
        elif r < 0.7:
            x = random.uniform(-1.2, 1.2)
        elif r < 0.8:
            x = random.uniform(-25, 25)
        else:
            x = random.choice([-1, 1]) * 10 ** random.uniform(-20, 0)
        lines.append("%r %s" % (x, +tanh(Decimal(x))))
    write("tanh.txt", "# x, then tanh(x) to 50 digits (Python decimal: (1 - e^-2|x|) / (1 + e^-2|x|) with the sign of x).", lines)


def exp_references():
    random.seed(13)
    getcontext().prec = 50
    lines = []
    for _ in range(4000):
        r = random.random()
        if r < 0.4:
            x = random.uniform(-1, 1)
        elif r < 0.7:
            x = random.uniform(-40, 40)
        elif r < 0.9:
            x = random.uniform(-699, 699)
        else:
            x = random.choice([-1, 1]) * 10 ** random.uniform(-20, 0)
        lines.append("%r %s" % (x, +Decimal(x).exp()))
    write("exp.txt", "# x, then exp(x) to 50 digits (Python decimal).", lines)


def log1p_references():
    random.seed(17)
    lines = []
    for _ in range(4000):
        r = random.random()
        if r < 0.5:
            x = random.random()
        elif r < 0.7:
            x = random.uniform(0.38, 0.45)  # around sqrt(2) - 1, where k changes
        else:
            x = 10 ** random.uniform(-20, 0)
        getcontext().prec = 60  # 1 + x is exact at 60 digits
        exact = (1 + Decimal(x)).ln()
        getcontext().prec = 50
        lines.append("%r %s" % (x, +exact))
    write("log1p.txt", "# x, then log1p(x) = ln(1 + x) to 50 digits (Python decimal).", lines)


if __name__ == "__main__":
    command = sys.argv[1:]
    if command == ["tanh-coefficients"]:
        tanh_coefficients()
    elif command == ["exp-table"]:
        exp_table()
    elif command == ["references"]:
        tanh_references()
        exp_references()
        log1p_references()
    else:
        sys.exit(__doc__)
