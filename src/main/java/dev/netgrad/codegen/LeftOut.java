package dev.netgrad.codegen;

/** How many entries were left out of a param's comparison, and why the first was. */
final class LeftOut {
    private int count;
    private String why = "";

    /** Whether the slope can be compared; counts it left out when it cannot. */
    boolean keeps(Slope slope) {
        if (slope.leftOutWhy() == null) {
            return true;
        }
        count++;
        why = why.isEmpty() ? slope.leftOutWhy() : why;
        return false;
    }

    /** Whether none of the same entry's slopes crossed a kink; counts it left out when one did. */
    boolean keepsUnlessAcrossAKink(Slope... slopes) {
        for (Slope slope : slopes) {
            if (slope.acrossAKink()) {
                return keeps(slope);
            }
        }
        return true;
    }

    int count() {
        return count;
    }

    /** Why the first entry left out was; "" when none was. */
    String why() {
        return why;
    }
}
