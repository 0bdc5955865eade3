// Lines that are infinite or NaN where the derivatives are finite.
dZ2 = (A2 - Y) / (Y - Y)
dW2 = 1/m * dZ2 @ A1.T
db2 = exp(1000 * b2^2 + 800)
dA1 = W2.T @ (A2 - Y)
dZ1 = dA1 * (1 - A1^2)
dW1 = log(0 * W1)
db1 = 1/m * sum(dZ1, axis=1) + 0 * sqrt(-b1)
