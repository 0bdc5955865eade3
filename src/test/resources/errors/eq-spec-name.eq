Z3 = A3 - Y
// expect: 1:1 'Z3' is already defined by the spec (as value):
