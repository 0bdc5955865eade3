dZ3 = A3 - Y
dA2 = W3.T @ dZ3
dZ2 = dA2 * D2 / 0.86 * (Z2 > 0)
// expect: 3:13 undefined name 'D2': the course's dropout mask D2 is written mask(A2) here, the 0/1 mask of the dropout in A2
