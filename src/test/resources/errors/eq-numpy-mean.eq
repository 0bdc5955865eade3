dZ3 = A3 - Y
c = np.mean(dZ3, axis=1)
// expect: 2:7 unexpected character '.': numpy's np. is not written here: the functions are built in (sum, exp, log, tanh, ...), and np.mean(dZ, axis=1, keepdims=True) is mean(dZ, axis=1), which keeps the column (every value keeps two dimensions: no keepdims)
