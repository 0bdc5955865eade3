dW3 = 1/m * dZ3 @ A2.T
dZ3 = A3 - Y
// expect: 1:13 'dZ3' is used before it is assigned (at 2:1)
