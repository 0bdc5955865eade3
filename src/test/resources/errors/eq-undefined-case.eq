dZ3 = A3 - Y
dW3 = 1/m * dZ3 @ a2.T
// expect: 2:19 undefined name 'a2'; did you mean 'A2'?
