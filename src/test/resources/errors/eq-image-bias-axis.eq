// against: lenet.nn
// A channel bias's gradient summed along axis 1 of an image: channel_sum does that, where flattening first would not.
db3 = 1/m * sum(A3 * (Z3 > 0), axis=1)
// expect: 3:13 'sum' along axis 1 needs a plain value, but this is an image (4 x 4 x 16 x m): the sum of each channel over positions and examples, a channel bias's gradient (the course's db), is channel_sum(A3 * (Z3 > 0))
db1 = mean(Z1, axis=1)
// expect: 5:7 is channel_sum(Z1)
