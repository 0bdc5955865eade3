dZ3 = A3 - Y +
dW3 = 1/m * dZ3 @ A2.T Z
db3 = 1/m * sum(dZ3 axis=1)
dA2 = W3.T @ dZ3 - dZ3 )
// An operator after an operand may also begin the next expression of a conv layer ('conv N f act'):
// each error is where the line stops making sense, not at that '-', '@' or '*'.
// expect: 1:15 expected an expression, found the end of the line
// expect: 2:24 expected an operator or the end of the statement, found name 'Z'
// expect: 3:21 expected an operator, '=', ',' or ')', found name 'axis'
// expect: 4:24 expected an operator or the end of the statement, found ')'
