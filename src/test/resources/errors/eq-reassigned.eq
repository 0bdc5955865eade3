dZ3 = A3 - Y
dZ3 = 1/m * (A3 - Y)
// expect: 2:1 'dZ3' is already assigned at 1:1: every name is
