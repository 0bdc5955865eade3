package dev.netgrad.runtime;

/**
 * When centred differences D(h) = (J(p + h) - J(p - h)) / 2h bend too much to judge a gradient by:
 * the one rule that {@code netgrad gradcheck} and the gradient tests the Maven plugin writes both
 * apply. Trainers never call it; it lives in the runtime because the runtime is what those tests,
 * which see only the user's project, can call.
 *
 * <p>By Richardson's rule D(2h) - D(h) is about three times the truncation error of D(h), and
 * both checkers allow a difference three times that again. A step a sizeable part of the way to a
 * pole (1 / z with a step of a quarter to a third of the way to z = 0, a log's slope likewise) made that allowance
 * reach the slope itself, and a doubled or halved gradient passed. While D(2h) moves by at most
 * {@link #BEND} of D(h) the allowance stays below a third of the slope and either is caught; an
 * entry beyond says nothing of its gradient and is left out, as one whose step crosses a kink.
 */
public final class FiniteDifferences {
    /** The most of themselves the differences may move when their step is doubled, and still be compared. */
    public static final double BEND = 0.1;

    private FiniteDifferences() {
    }

    /**
     * Whether the differences with steps h and 2h, {@code withH} and {@code with2h}, move by more than
     * {@link #BEND} of D(h) and by more than ten times {@code rounding}, the rounding error of D(h)
     * as the caller estimates it (a change that rounding could make says nothing of bending).
     * False when either difference is not finite: it measured nothing.
     */
    public static boolean bendTooMuch(double withH, double with2h, double rounding) {
        double change = Math.abs(with2h - withH);
        return change > BEND * Math.abs(withH) && change > 10 * rounding;
    }

    /**
     * Why an entry whose differences {@link #bendTooMuch bend too much} is left out; {@code where} names it
     * ("W at row 1, column 2").
     */
    public static String whyLeftOut(String where) {
        return "the differences of " + where + " change by more than " + Math.round(100 * BEND) + "% when their step is "
                + "doubled: a step is a sizeable part of the way to a pole (of a log or a divisor, say), where they cannot "
                + "tell a doubled gradient from a right one";
    }
}
