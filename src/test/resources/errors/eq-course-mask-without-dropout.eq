// against: planar.nn
dZ2 = A2 - Y
dA1 = W2.T @ dZ2 * D1
// expect: 3:20 undefined name 'D1'
