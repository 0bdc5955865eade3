package dev.netgrad.ir;

/**
 * Elementary functions whose results the reference evaluator and every generated class share to
 * the last bit. Each is also written, character for character, into the generated classes' kernels
 * ({@code codegen/Kernels.java.txt}); {@code KernelAgreementTest} checks that the two agree bit for
 * bit on many arguments.
 */
public final class Elementary {
    private Elementary() {
    }

    /**
     * tanh(x). From |x| = 0.55 up, 1 - 2 / (exp(2|x|) + 1) with the sign of x, through the JIT's
     * intrinsic exp (exp(2|x|) is infinite from |x| = 355 on, where tanh is 1). Below, x + x s g(s)
     * with s = x^2 and g a polynomial of degree 10 interpolating (tanh(x) / x - 1) / s at Chebyshev
     * nodes of [0, 0.3025] (fitted by netgrad's src/test/resources/kernels/tanh.py). Against
     * 50-digit values: at most 1.5 ulps and 0.25 on average (fdlibm's tanh, Math.tanh: 2.1 and
     * 0.38), 0.71 at most below 0.55; about twice as fast as fdlibm, whose branches on the size of x
     * cost more than its arithmetic.
     */
    public static double tanh(double x) {
        double a = Math.abs(x);
        if (a >= 0.55) {
            return Math.copySign(1.0 - 2.0 / (Math.exp(2.0 * a) + 1.0), x);
        }
        double s = x * x;
        if (s == 0.0) {
            // x is 0, -0.0 or so small (below 1.5e-162) that tanh(x) rounds to x; x + x s g would lose -0.0's sign.
            return x;
        }
        double g = -0.3333333333333333 + s * (0.13333333333332714 + s * (-0.053968253967434016 + s * (0.021869488493666944 + s * (-0.008863234397814355 + s * (0.003592110378689024 + s * (-0.001455661830100716 + s * (0.0005889360520074057 + s * (-0.0002346347410887237 + s * (8.511313685577671e-05 + s * (-2.060276537636634e-05))))))))));
        return x + x * (s * g);
    }
}
