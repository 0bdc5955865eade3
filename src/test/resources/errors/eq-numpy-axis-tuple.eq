// against: lenet.nn
// numpy's tuple of axes, the course's vectorized db of a convolution: one error, which names channel_sum.
db3 = 1/m * sum(A3 * (Z3 > 0), axis=(0, 1, 2))
// expect: 3:39 expected an operator or ')', found ',' (an axis is 0 or 1, one at a time, and every result keeps two dimensions; numpy's axis=(0, 1, 2) over an image's positions and examples, a channel bias's gradient, is channel_sum(dZ))
