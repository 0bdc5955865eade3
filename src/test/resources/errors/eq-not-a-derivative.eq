dZ3 = A3 - Y
dQ = dZ3 * 2
// expect: 2:1 'dQ' is a derivative, but the spec has no value
