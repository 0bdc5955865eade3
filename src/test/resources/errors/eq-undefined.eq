// Equation files are read against specs/dropout.nn.
dZ3 = A3 - Yy
// expect: 2:12 undefined name 'Yy'; did you mean 'Y'?
