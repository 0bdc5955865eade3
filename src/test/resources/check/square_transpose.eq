dZ3 = A3 - Y
dA2 = W3.T @ dZ3
dZ2 = dA2 * (1 - A2^2)
dA1 = W2 @ dZ2
