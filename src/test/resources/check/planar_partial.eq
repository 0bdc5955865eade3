// The course's set: dZ2 is a derivative of L, the 1/m enters at the params.
dZ2 = A2 - Y
dW2 = 1/m * dZ2 @ A1.T
db2 = 1/m * sum(dZ2, axis=1)
