dZ3 = A3 - Y
dW3 = 1/m * dot(dZ3, A2.T)
// expect: 2:13 unknown function 'dot': numpy's dot is written with '@' here: np.dot(W2.T, dZ2) is W2.T @ dZ2
