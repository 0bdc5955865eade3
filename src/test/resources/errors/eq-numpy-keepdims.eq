dZ3 = A3 - Y
db3 = 1/m * sum(dZ3, axis=1, keepdims=True)
// expect: 2:30 sum has no argument 'keepdims': every result keeps two dimensions, as numpy's keepdims=True gives; leave it out
