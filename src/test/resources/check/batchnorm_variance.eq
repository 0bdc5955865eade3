// batchnorm's backward pass as the course's notes write it, the variance as mean(Z1^2) - mu^2
mu = mean(Z1, axis=1)
var = mean(Z1^2, axis=1) - mu^2
Zhat = (Z1 - mu) / sqrt(var + 1e-5)
dZ2 = P - Y
dW2 = 1/m * dZ2 @ A1.T
db2 = 1/m * sum(dZ2, axis=1)
dA1 = W2.T @ dZ2
dZn1 = dA1 * (Zn1 > 0)
dgamma1 = 1/m * sum(dZn1 * Zhat, axis=1)
dbeta1 = 1/m * sum(dZn1, axis=1)
dZ1 = gamma1 / (m * sqrt(var + 1e-5)) * (m * dZn1 - sum(dZn1, axis=1) - Zhat * sum(dZn1 * Zhat, axis=1))
dW1 = 1/m * dZ1 @ X.T
