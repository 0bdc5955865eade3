// numpy's methods and fields, each told what this syntax writes for it; the course's m = X.shape[1] is the built-in m.
m_batch = X.shape[1]
// expect: 2:12 a value has no fields; the course's m = X.shape[1], the number of examples, is m here, built in
dZ3 = A3 - Y
dW3 = 1/m * dZ3 @ A2.transpose()
// expect: 5:21 numpy's a.transpose() is a.T
db3 = 1/m * dZ3.sum(axis=1, keepdims=True)
// expect: 7:16 numpy's a.sum(axis=1, keepdims=True) is sum(a, axis=1)
dA2 = np.matmul(W3.T, dZ3)
// expect: 9:9 np.matmul(a, b) is a @ b
