dZ3 = A3 - Y
  - 0
dW3 = 1/m * dZ3 @ A2.T
* 2
// expect: 2:3 expected a name, found '-' (a line break ends a statement outside parentheses
// expect: 4:1 expected a name, found '*' (a line break ends a statement outside parentheses
