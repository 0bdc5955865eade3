// against: lenet.nn
// A convolution's backward pass as other courses write it (a flipped kernel) and as the course's helpers name it.
dP2 = conv2d(Y, rot180(W3), stride=1, pad=1)
// expect: 3:17 unknown function 'rot180': the gradient of conv2d's image is conv2d_input(G, W, like=A, stride=s, pad=p), which turns the filters itself
dA1 = pool_backward(Y, A1, 2)
// expect: 5:7 unknown function 'pool_backward': the course's pool_backward is maxpool_input(dA, A_prev, f, stride=s) after a max pool and avgpool_input(dA, f, like=A_prev, stride=s) after an average pool
dW1 = conv_backward(Y, W1)
// expect: 7:7 unknown function 'conv_backward': the course's conv_backward is conv2d_input(dZ, W, like=A_prev, stride=s, pad=p) for dA_prev, conv2d_weight(A_prev, dZ, like=W, stride=s, pad=p) for dW and channel_sum(dZ) for db
dZ1 = create_mask_from_window(A1) * Y
// expect: 9:7 unknown function 'create_mask_from_window': the course's mask is inside maxpool_input(dA, A_prev, f, stride=s)
dA3 = distribute_value(Y, 2)
// expect: 11:7 unknown function 'distribute_value': the course's distribute_value is inside avgpool_input(dA, f, like=A_prev, stride=s)
dX = zero_pad(X, 1)
// expect: 13:6 unknown function 'zero_pad': padding is conv2d's pad= argument, which its derivatives take too: conv2d_input(G, W, like=A, stride=s, pad=p)
