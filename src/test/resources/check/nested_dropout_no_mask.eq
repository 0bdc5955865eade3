// netgrad's equations for nested_dropout.nn but dZ1, which leaves out the mask of A1 = relu(dropout(Z1, 0.86)).
dZ3 = A3 - Y
dW3 = 1/m * dZ3 @ A2.T
db3 = 1/m * sum(dZ3, axis=1)
dA2 = W3.T @ dZ3
dZ2 = dA2 * (1 - A2^2)
dW2 = 1/m * 1.25 * dZ2 @ (A1 * mask(Z2)).T
db2 = 1/m * sum(dZ2, axis=1)
dA1 = 1.25 * W2.T @ dZ2 * mask(Z2)
dZ1 = dA1 * (Z1 > 0)
dW1 = 1/m * dZ1 @ X.T
db1 = 1/m * sum(dZ1, axis=1)
