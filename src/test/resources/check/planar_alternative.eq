// The other consistent set: every derivative is of J, so the 1/m enters at the top.
dZ2 = 1/m * (A2 - Y)
dW2 = dZ2 @ A1.T
db2 = sum(dZ2, axis=1)
dA1 = W2.T @ dZ2
dZ1 = dA1 * (1 - A1^2)
dW1 = dZ1 @ X.T
db1 = sum(dZ1, axis=1)
