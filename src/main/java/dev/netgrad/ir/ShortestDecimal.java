package dev.netgrad.ir;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * A double as {@link Double#toString} writes it, but with the fewest significant digits that
 * still parse back to the same double. Java 17's Double.toString sometimes writes one digit more
 * than needed (2.0E23 as 1.9999999999999998E23, 8.41E21 as 8.409999999999999E21); Java 19 fixed
 * that, and this gives Java 19's digits on Java 17.
 */
public final class ShortestDecimal {
    private ShortestDecimal() {
    }

    public static String of(double v) {
        String s = Double.toString(v);
        if (!Double.isFinite(v) || v == 0) {
            return s;
        }
        BigDecimal exact = new BigDecimal(v);
        BigDecimal best = null;
        // Every decimal of fewer digits is one of more digits too, so once no decimal of some length
        // parses back, no shorter one does. It stops at two digits, as Java 19 does: 4.9E-324 rather
        // than 5.0E-324, the closer of the two.
        for (int digits = significantDigits(s) - 1; digits >= 2; digits--) {
            BigDecimal candidate = closestThatParsesBack(exact, digits, v);
            if (candidate == null) {
                break;
            }
            best = candidate;
        }
        return best == null ? s : format(best.stripTrailingZeros(), v);
    }

    /**
     * Of the two decimals of {@code digits} digits around v, the closer that parses back to v (the
     * even one on a tie), or null. Both are tried: at a power of two the doubles below are twice as
     * dense as those above, so the nearer decimal can miss where the farther one hits (2^-24 is
     * 5.960464477539063E-8, not ...0625E-8).
     */
    private static BigDecimal closestThatParsesBack(BigDecimal exact, int digits, double v) {
        BigDecimal nearest = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
        if (Double.parseDouble(nearest.toString()) == v) {
            return nearest;
        }
        for (RoundingMode mode : new RoundingMode[] {RoundingMode.DOWN, RoundingMode.UP}) {
            BigDecimal other = exact.round(new MathContext(digits, mode));
            if (Double.parseDouble(other.toString()) == v) {
                return other;
            }
        }
        return null;
    }

    private static int significantDigits(String s) {
        int end = s.indexOf('E');
        String digits = (end < 0 ? s : s.substring(0, end)).replace("-", "").replace(".", "");
        return digits.replaceAll("^0+", "").replaceAll("0+$", "").length();
    }

    /** In Double.toString's layout: plain from 1e-3 to below 1e7, else d.dddE±n. */
    private static String format(BigDecimal d, double v) {
        double magnitude = Math.abs(v);
        if (magnitude >= 1e-3 && magnitude < 1e7) {
            String plain = d.toPlainString();
            return plain.contains(".") ? plain : plain + ".0";
        }
        String digits = d.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - d.scale();
        return (d.signum() < 0 ? "-" : "") + digits.charAt(0) + "." + (digits.length() > 1 ? digits.substring(1) : "0")
                + "E" + exponent;
    }
}
