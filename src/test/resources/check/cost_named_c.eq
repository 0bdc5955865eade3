dZ1 = J - Y
dW1 = dZ1 @ X.T
db1 = 1/m * sum(dZ1, axis=1)
