// HugeLoss: backward pass, convention loss (per-example values dL, coupled values d(sum L), params dJ)
dZ2 = 4 * (1e308 * (Z2 - Y))      // dL/dZ2   1 x m
dW2 = 1/m * dZ2 @ A1.T            // dJ/dW2   1 x 3
db2 = 1/m * sum(dZ2, axis=1)      // dJ/db2   1 x 1
dA1 = W2.T @ dZ2                  // dL/dA1   3 x m
dZ1 = dA1 * (1 - A1^2)            // dL/dZ1   3 x m
dW1 = 1/m * dZ1 @ X.T             // dJ/dW1   3 x 2
db1 = 1/m * sum(dZ1, axis=1)      // dJ/db1   3 x 1
// 1/m appears exactly once on every path from J to every param (W1, b1, W2, b2)
