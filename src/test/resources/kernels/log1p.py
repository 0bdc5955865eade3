#!/usr/bin/env python3
"""Where the test data of netgrad's log1p (ir/Elementary.java, codegen/Kernels.java.txt) come from.

  python3 log1p.py references   writes log1p.txt: 4,000 seeded arguments in [0, 1] and log1p to 50 digits

Python's standard library only (decimal, at 60 digits: 1 + x is exact there).
"""
import random
import sys
from decimal import Decimal, getcontext

getcontext().prec = 60


def references():
    random.seed(17)
    lines = ["# x, then log1p(x) = ln(1 + x) to 50 digits (Python decimal).",
             "# Made once with a seeded generator; read by dev.netgrad.ir.ElementaryTest."]
    for _ in range(4000):
        r = random.random()
        if r < 0.5:
            x = random.random()
        elif r < 0.7:
            x = random.uniform(0.38, 0.45)  # around sqrt(2) - 1, where k changes
        else:
            x = 10 ** random.uniform(-20, 0)
        getcontext().prec = 60
        exact = (1 + Decimal(x)).ln()
        getcontext().prec = 50
        lines.append("%r %s" % (x, +exact))
    with open("log1p.txt", "w") as out:
        out.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    if sys.argv[1:] == ["references"]:
        references()
    else:
        sys.exit(__doc__)
