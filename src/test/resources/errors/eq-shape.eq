dZ3 = A3 - Y
dW3 = 1/m * dZ3 @ A2
// expect: 2:17 inner dimensions of '@' do not match: 1 x m @ 3
