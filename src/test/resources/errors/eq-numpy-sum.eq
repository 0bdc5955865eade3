dZ3 = A3 - Y
db3 = 1/m * np.sum(dZ3, axis=1, keepdims=True)
// expect: 2:15 unexpected character '.': numpy's np. is not written here: the functions are built in (sum, exp, log, tanh, ...), and np.sum(dZ, axis=1, keepdims=True) is sum(dZ, axis=1), which keeps the column (every value keeps two dimensions: no keepdims)
