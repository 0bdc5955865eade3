// Assorted mistakes, one a line.
dZ2 = A2 - Y
dW2 = 1/m * A1 @ dZ2.T
db2 = sum(dZ2, axis=1)
dA1 = W2.T @ dZ2
dZ1 = dA1 * (1 - A1)
G1 = dA1 * (1 - A1^2)
dW1 = 1/m * G1 @ X.T
db1 = 2/m * sum(G1, axis=1)
