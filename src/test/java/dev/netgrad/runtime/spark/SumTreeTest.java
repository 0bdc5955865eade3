package dev.netgrad.runtime.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.netgrad.runtime.GradientSums;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The shape of the tree that adds a step's partition sums, and a group's order. */
class SumTreeTest {
    @ParameterizedTest(name = "{0} partitions: groups of {1}, {2} groups")
    @CsvSource({
        "3, 2, 2",
        "25, 5, 5",                // a perfect square: 5 groups of 5
        "26, 6, 5",
        "40, 7, 6",                // the last group has 5
        "1000, 32, 32",            // the last group has 8
        "1000000, 1000, 1000",
        "2147395600, 46340, 46340", // 46340^2, the largest square below 2^31
        "2147483647, 46341, 46341",
    })
    void groupsAreAboutTheSquareRootOfThePartitions(int partitions, int size, int groups) {
        assertEquals(size, SumTree.groupSize(partitions));
        assertEquals(groups, SumTree.groups(partitions));
    }

    @ParameterizedTest(name = "{0} partitions of {1} bytes: direct {2}")
    @CsvSource({
        "2, 1000000000, true",     // one group of two would be the same thing
        "3, 1000000000, false",
        "60000, 136, true",        // the planar network's 17 params: never a shuffle
        "9, 875088, true",         // samples/mlp.nn's sums (109,386 entries): 7.9 MB
        "10, 875088, false",
        "2147483647, 8, false",
    })
    void sumsGoStraightToTheDriverWhileTheyAreSmall(int partitions, long bytes, boolean direct) {
        assertEquals(direct, SumTree.direct(partitions, bytes));
    }

    // Values whose sum depends on the order of the additions (1e16 + 1 rounds back to 1e16): a
    // group given its members in each of the 24 orders adds them in partition order every time.
    @Test
    void aGroupAddsItsMembersInPartitionOrderWhateverOrderTheyCameIn() {
        double[] values = {1e16, 1, 1, -1e16};
        double partitionOrder = ((values[0] + values[1]) + values[2]) + values[3];
        java.util.Set<Double> arrivalOrderSums = new java.util.TreeSet<>();
        for (int[] order : permutations(new int[] {0, 1, 2, 3}, 0)) {
            SumTree.Group group = new SumTree.Group(2, 4); // partitions 8 to 11
            double arrivalOrder = 0;
            for (int slot : order) {
                group.put(new SumTree.Part(8 + slot, sums(values[slot])));
                arrivalOrder += values[slot];
            }
            arrivalOrderSums.add(arrivalOrder);
            assertEquals(partitionOrder, group.addUp().total().gradient(0)[0], java.util.Arrays.toString(order));
            assertEquals(4, group.members());
            assertEquals(4, group.total().count());
        }
        assertEquals(java.util.Set.of(0.0, 1.0, 2.0), arrivalOrderSums, "the orders should disagree, or the test proves nothing");
    }

    private static java.util.List<int[]> permutations(int[] items, int from) {
        java.util.List<int[]> out = new java.util.ArrayList<>();
        if (from == items.length) {
            out.add(items.clone());
            return out;
        }
        for (int i = from; i < items.length; i++) {
            int[] swapped = items.clone();
            int t = swapped[from];
            swapped[from] = swapped[i];
            swapped[i] = t;
            out.addAll(permutations(swapped, from + 1));
        }
        return out;
    }

    @Test
    void aPartitionGivingItsSumsTwiceIsAnError() {
        SumTree.Group group = new SumTree.Group(0, 3);
        group.put(new SumTree.Part(1, sums(1)));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> group.put(new SumTree.Part(1, sums(1))));
        assertEquals("partition 1 gave its sums twice", e.getMessage());
    }

    private static GradientSums sums(double value) {
        GradientSums sums = new GradientSums(new int[] {1});
        sums.gradient(0)[0] = value;
        sums.addExamples(1, value);
        return sums;
    }
}
