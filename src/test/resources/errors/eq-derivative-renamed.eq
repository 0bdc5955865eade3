// against: name_clash.nn
// The spec's value db took the plain name: b's gradient is db_2, as derive prints it.
ddH = H_2 - Y
dH_3 = V.T @ ddH
ddb = dH_3 * (1 - H^2)
db = 1/m * sum(ddb, axis=1)
// expect: 6:1 'db' is already defined by the spec (as value): an equation file defines derivatives (dNAME) and new helper names; the derivative of b is named db_2, since the spec uses db
