// against: name_clash.nn
// A suffixed derivative name that derive does not give: the nearest name it gives.
ddH = H_2 - Y
db_3 = 1
// expect: 4:1 'db_3' is a derivative, but the spec has no value or param named 'b_3'; did you mean 'db_2'?
