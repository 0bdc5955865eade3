dZ3 = A3 - Y
dA2 = W3.T @ dZ3
dZ2 = dA2 * mask(Z2) / 0.86 * (Z2 > 0)
// expect: 3:18 mask(Z2) needs a statement of the spec assigned
