#!/usr/bin/env python3
"""Where netgrad's exp table (ir/Elementary.java, codegen/Kernels.java.txt) and its test data come from.

  python3 exp.py table        prints EXP2_HI and EXP2_LO: 2^(j/32), j = 0 .. 31, rounded, and what rounding left out
  python3 exp.py references   writes exp.txt: 4,000 seeded arguments and exp to 50 digits

Python's standard library only (decimal, at 60 digits).
"""
import random
import sys
from decimal import Decimal, getcontext

getcontext().prec = 60


def table():
    ln2 = Decimal(2).ln()
    high, low = [], []
    for j in range(32):
        exact = (ln2 * j / 32).exp()
        h = float(exact)
        high.append(repr(h))
        low.append(repr(float(exact - Decimal(h))))
    print("EXP2_HI", ", ".join(high))
    print("EXP2_LO", ", ".join(low))


def references():
    random.seed(13)
    lines = ["# x, then exp(x) to 50 digits (Python decimal).",
             "# Made once with a seeded generator; read by dev.netgrad.ir.ElementaryTest."]
    getcontext().prec = 50
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
    with open("exp.txt", "w") as out:
        out.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    if sys.argv[1:] == ["table"]:
        table()
    elif sys.argv[1:] == ["references"]:
        references()
    else:
        sys.exit(__doc__)
