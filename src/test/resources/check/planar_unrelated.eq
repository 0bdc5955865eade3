// A line that no known mistake explains.
dZ2 = A2 - Y
dW2 = 1/m * dZ2 @ A1.T + W2 * W2
db2 = 1/m * sum(dZ2, axis=1)
dA1 = W2.T @ dZ2
dZ1 = dA1 * (1 - A1^2)
dW1 = 1/m * dZ1 @ X.T
db1 = 1/m * sum(dZ1, axis=1) + b1 * b1
