// One wrong line (dZ1: tanh's derivative taken as sigmoid's), a line right given a right dZ1 (dW1),
// and one wrong given a right dZ1 too (db1).
dZ2 = A2 - Y
dW2 = 1/m * dZ2 @ A1.T
db2 = 1/m * sum(dZ2, axis=1)
dA1 = W2.T @ dZ2
dZ1 = dA1 * A1 * (1 - A1)
dW1 = 1/m * dZ1 @ X.T
db1 = 2/m * sum(dZ1, axis=1)
