dZ3 = A3 - Y
dW3 = 1/m * dZ3 @ A2.T)
db3 = 1/m * sum(dZ3, axis=1)
dA2 = W3.T @
// expect: 2:23 expected an operator or the end of the statement, found ')'
// expect: 4:13 expected an expression, found the end of the
