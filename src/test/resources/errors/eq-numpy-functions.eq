// The course's numpy calls: each np. says what this syntax writes for that function, not np.dot's product alone.
dZ3 = np.multiply(A3 - Y, 1)
// expect: 2:9 np.multiply(a, b) is a * b
dW3 = 1/m * dZ3.dot(A2.T)
// expect: 4:16 a value has no methods; numpy's a.dot(b) is a @ b
dA2 = W3.T @ dZ3 * (1 - np.power(A2, 2))
// expect: 6:27 np.power(a, k) is a^k
dZ2 = dA2 * (1 - np.square(A2)) * np.int64(Z2 > 0)
// expect: 8:20 np.square(a) is a^2
// expect: 8:37 np.int64(Z > 0) is (Z > 0)
dZ1 = np.where(Z1 > 0, 1, 0) * np.tanh(Z1)
// expect: 11:9 np.where(Z > 0, 1, 0) is (Z > 0)
// expect: 11:34 np.tanh(x) is tanh(x)
