m = 3
// expect: 1:1 'm' is reserved for the batch size and cannot
