dZ3 = A3 - Y   # the fused cross-entropy
dW3 = 1/m * dZ3 @ A2.T
// expect: 1:16 unexpected character '#': comments start with // (to the end of the line) or are /* ... */
