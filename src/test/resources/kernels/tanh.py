#!/usr/bin/env python3
"""Where netgrad's tanh (ir/Elementary.java, codegen/Kernels.java.txt) and its test data come from.

  python3 tanh.py coefficients   prints g's coefficients: tanh(x) = x + x s g(s), s = x^2, |x| < 0.55
  python3 tanh.py references     writes tanh.txt: 4,000 seeded arguments and tanh to 50 digits

g interpolates (tanh(x) / x - 1) / s at the 11 Chebyshev nodes of [0, 0.3025] (degree 10), solved
exactly in 60-digit decimal arithmetic, then rounded to doubles. Python's standard library only.
"""
import math
import random
import sys
from decimal import Decimal, getcontext

getcontext().prec = 60
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


def coefficients():
    n = DEGREE + 1
    nodes = [S_MAX / 2 + S_MAX / 2 * Decimal(math.cos(math.pi * (j + 0.5) / n)) for j in range(n)]
    return [float(c) for c in solve([[s ** k for k in range(n)] for s in nodes], [g(s) for s in nodes])]


def references():
    random.seed(11)
    lines = ["# x, then tanh(x) to 50 digits (Python decimal: (1 - e^-2|x|) / (1 + e^-2|x|) with the sign of x).",
             "# Made once with a seeded generator; read by dev.netgrad.ir.ElementaryTest."]
    getcontext().prec = 50
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
    with open("tanh.txt", "w") as out:
        out.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    if sys.argv[1:] == ["coefficients"]:
        print(", ".join(repr(c) for c in coefficients()))
    elif sys.argv[1:] == ["references"]:
        references()
    else:
        sys.exit(__doc__)
