dZ3 = A3 - Y
dA2 = W3.T @ dZ3
dA2 = dA2 * mask(A2) / 0.86     // the course's dA2 = dA2 * D2 / keep_prob
// expect: 3:1 'dA2' is already assigned at 2:1: every name is assigned once; a line cannot update dA2 in place as numpy does (the course's dA2 = dA2 * D2 / keep_prob): write what it does into the line that reads dA2
