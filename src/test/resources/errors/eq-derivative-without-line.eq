dZ3 = A3 - Y
dZ2 = dA2 * mask(A2) * (Z2 > 0) / 0.86
// expect: 2:7 'dA2' has no line: no line of the file assigns dA2, the derivative of A2; assign it on a line above this one, or write its expression here
