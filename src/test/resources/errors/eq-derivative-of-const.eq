dm = 1
// expect: 1:1 'dm' is a derivative, but the spec has no value
