dW1 = W1 / 0
db1 = b1 / (2 - 2)
dW2 = -W2 / 0
db2 = exp(800) + b2
dW3 = log(0) * W3
// expect: 1:10 division by zero: the divisor is a constant 0
// expect: 2:10 division by zero: the divisor is a constant 0
// expect: 3:11 division by zero: the divisor is a constant 0
// expect: 4:7 exp(800) is Infinity: a constant must be a finite number
// expect: 5:7 log(0) is -Infinity: a constant must be a finite number
