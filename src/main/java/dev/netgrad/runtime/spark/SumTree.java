package dev.netgrad.runtime.spark;

import dev.netgrad.runtime.GradientSums;
import java.io.Serializable;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.api.java.function.Function2;
import scala.Tuple2;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/**
 * Adds the partitions' {@link GradientSums} of a step in a tree whose shape depends only on the
 * number of partitions, so that the result has the same bits every run, whatever order the tasks
 * end in.
 * <p>
 * Spark's {@code treeAggregate} adds partial results in the order the tasks finish (its
 * {@code foldByKey} and its last {@code fold}), so two runs of the same fit may differ in the last
 * bits. Sending every partition's sums to the driver and adding them in partition order fixes the
 * order but makes the driver hold one params-sized sum per partition (and Spark fails a job whose
 * results pass {@code spark.driver.maxResultSize}, 1 GB by default: 250 partitions of a network of
 * half a million params). So: while the partitions' sums come to at most {@link #DIRECT_BYTES}
 * they go straight to the driver, in partition order; beyond that, as {@code treeAggregate} does
 * at its default depth of two, the partitions are cut into groups of about sqrt(P) consecutive
 * ones, a shuffle brings each group to one task, which adds its members in partition order, and
 * the driver adds the groups' sums in group order: it holds about sqrt(P) sums, a task as many.
 */
final class SumTree {
    /**
     * The partitions' sums go to the driver without a shuffle while they come to at most this many
     * bytes in all: a small network never pays for a shuffle, however many partitions.
     */
    static final long DIRECT_BYTES = 8L << 20;

    private static final ClassTag<GradientSums> SUMS = ClassTag$.MODULE$.apply(GradientSums.class);

    private SumTree() {
    }

    /** Whether P partitions' sums of {@code sumBytes} each go straight to the driver. */
    static boolean direct(int partitions, long sumBytes) {
        // Groups of ceil(sqrt(P)) make one group of 2 or fewer partitions: nothing to gain there.
        return partitions <= 2 || partitions * sumBytes <= DIRECT_BYTES;
    }

    /** Consecutive partitions a group adds: ceil(sqrt(P)). */
    static int groupSize(int partitions) {
        int size = (int) Math.ceil(Math.sqrt(partitions));
        // The smallest size whose square covers P, whatever the rounding of the square root.
        while ((long) (size - 1) * (size - 1) >= partitions) {
            size--;
        }
        while ((long) size * size < partitions) {
            size++;
        }
        return size;
    }

    /** The number of groups of {@link #groupSize} that cover P partitions. */
    static int groups(int partitions) {
        int size = groupSize(partitions);
        return (int) (((long) partitions + size - 1) / size);
    }

    /**
     * The sum of all partitions' sums for one step, each partition's computed by {@code job}, added
     * to {@code zero} (the driver's empty sums).
     */
    static GradientSums sum(JavaRDD<Example> examples, PartitionSums job, GradientSums zero) {
        return sum(examples, job, zero, direct(examples.getNumPartitions(), bytes(zero)));
    }

    /** {@link #sum}, straight to the driver or through the groups as {@code direct} says. */
    static GradientSums sum(JavaRDD<Example> examples, PartitionSums job, GradientSums zero, boolean direct) {
        int partitions = examples.getNumPartitions();
        if (direct) {
            GradientSums[] parts = (GradientSums[]) examples.context().runJob(examples.rdd(), job, SUMS);
            for (GradientSums part : parts) {
                zero.add(part);
            }
            return zero;
        }
        int size = groupSize(partitions);
        List<Tuple2<Integer, Group>> added = JavaPairRDD.fromJavaRDD(examples.mapPartitionsWithIndex(new Keyed(job, size), true))
                .combineByKey(new Start(size), new Put(), new Merge(), new HashPartitioner(groups(partitions)))
                .mapValues(new AddUp())
                .collect();
        Group[] inOrder = new Group[groups(partitions)];
        for (Tuple2<Integer, Group> group : added) {
            inOrder[group._1()] = group._2();
        }
        int seen = 0;
        for (Group group : inOrder) {
            if (group != null) {
                seen += group.members();
                zero.add(group.total());
            }
        }
        if (seen != partitions) {
            // Spark runs every partition once a job; anything else would drop or double rows unseen.
            throw new IllegalStateException("a step's sums came from " + seen + " partitions, not " + partitions);
        }
        return zero;
    }

    /** The size of sums like these: 8 bytes an entry. */
    static long bytes(GradientSums sums) {
        long entries = 0;
        for (int p = 0; p < sums.params(); p++) {
            entries += sums.gradient(p).length;
        }
        return 8 * entries;
    }

    /**
     * One partition's sums and its index. A class, not a record: a job configured with Kryo
     * serializes the shuffle's values with it, and Kryo before 5 cannot make records.
     */
    static final class Part implements Serializable {
        private static final long serialVersionUID = 1L;
        private final int partition;
        private final GradientSums sums;

        Part(int partition, GradientSums sums) {
            this.partition = partition;
            this.sums = sums;
        }

        int partition() {
            return partition;
        }

        GradientSums sums() {
            return sums;
        }
    }

    /** Consecutive partitions' sums by their place in the group, then (once added up) their total. */
    static final class Group implements Serializable {
        private static final long serialVersionUID = 1L;

        private final int first;
        private final GradientSums[] members;
        private int count;
        private GradientSums total;

        Group(int index, int size) {
            this.first = index * size;
            this.members = new GradientSums[size];
        }

        void put(Part part) {
            int slot = part.partition() - first;
            if (members[slot] != null) {
                throw new IllegalStateException("partition " + part.partition() + " gave its sums twice");
            }
            members[slot] = part.sums();
            count++;
        }

        /** The members added in partition order (the first one is the running sum, as 0 + x is x). */
        Group addUp() {
            GradientSums sum = null;
            for (int slot = 0; slot < members.length; slot++) {
                if (members[slot] != null) {
                    sum = sum == null ? members[slot] : sum.add(members[slot]);
                    members[slot] = null;
                }
            }
            total = sum;
            return this;
        }

        /** The members' sum; {@link #addUp} must have run (the group's task runs it). */
        GradientSums total() {
            return total;
        }

        int members() {
            return count;
        }
    }

    // Named classes rather than lambdas, as PartitionSums is: Spark cleans every closure of a job,
    // which for a lambda means reading the class file of the class that declared it, every step.

    /** A partition's sums, keyed by its group. */
    private static final class Keyed implements Function2<Integer, Iterator<Example>, Iterator<Tuple2<Integer, Part>>> {
        private static final long serialVersionUID = 1L;
        private final PartitionSums job;
        private final int size;

        Keyed(PartitionSums job, int size) {
            this.job = job;
            this.size = size;
        }

        @Override
        public Iterator<Tuple2<Integer, Part>> call(Integer partition, Iterator<Example> rows) {
            return List.of(new Tuple2<>(partition / size, new Part(partition, job.sums(partition, rows)))).iterator();
        }
    }


    private static final class Start implements Function<Part, Group> {
        private static final long serialVersionUID = 1L;
        private final int size;

        Start(int size) {
            this.size = size;
        }

        @Override
        public Group call(Part part) {
            Group group = new Group(part.partition() / size, size);
            group.put(part);
            return group;
        }
    }

    private static final class Put implements Function2<Group, Part, Group> {
        private static final long serialVersionUID = 1L;

        @Override
        public Group call(Group group, Part part) {
            group.put(part);
            return group;
        }
    }

    private static final class Merge implements Function2<Group, Group, Group> {
        private static final long serialVersionUID = 1L;

        @Override
        public Group call(Group into, Group from) {
            for (int slot = 0; slot < from.members.length; slot++) {
                if (from.members[slot] != null) {
                    into.put(new Part(from.first + slot, from.members[slot]));
                }
            }
            return into;
        }
    }

    private static final class AddUp implements Function<Group, Group> {
        private static final long serialVersionUID = 1L;

        @Override
        public Group call(Group group) {
            return group.addUp();
        }
    }
}
