dZ3 = A3 - Y
dA2 = W3.T @ dZ3
dZ2 = dA2 * mask(A2) / keep_prob * (Z2 > 0)
// expect: 3:24 undefined name 'keep_prob': write the dropout's keep probability as the spec gives it, 0.86 for A1, 0.86 for A2
