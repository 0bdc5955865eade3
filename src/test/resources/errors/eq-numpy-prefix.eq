dZ3 = A3 - Y
dW3 = 1/m * np.dot(dZ3, A2.T)
// expect: 2:15 unexpected character '.': numpy's np. is not written here: the functions are built in (sum, exp, log, tanh, ...), and np.dot(a, b) is a @ b
