package dev.netgrad.runtime.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.netgrad.runtime.GradientSums;
import java.util.List;
import java.util.function.Function;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.JavaSerializer;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.Serializer;
import org.apache.spark.serializer.SerializerInstance;
import org.junit.jupiter.api.Test;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/**
 * What a fit hands to the session's serializer (spark.serializer) rather than to the closure's: the data
 * check's and the steps' task results, the cached rows when they spill to disk, the sum tree's shuffle.
 * Each goes through Java's serializer, Spark's default, and Kryo, which many clusters set and which
 * cannot make a record: a fit with it failed in its first job on DataCheck's summary.
 */
class SparkSerializersTest {
    private static final ClassTag<Object> ANY = ClassTag$.MODULE$.apply(Object.class);

    /** A value, what to compare of it, and what it is. */
    private record Crossing(String what, Object value, Function<Object, String> seen) {
    }

    @Test
    void whatAFitHandsToSparksSerializerGoesThroughJavasAndKryo() {
        GradientSums sums = new GradientSums(new int[] {3, 1});
        sums.addExamples(2, 0.75);
        sums.gradient(0)[1] = -1.5;
        SumTree.Group group = new SumTree.Group(1, 2);
        group.put(new SumTree.Part(3, sums));
        group.addUp();
        List<Crossing> crossings = List.of(
                new Crossing("a data check's summary (a task result)", new DataCheck.Summary(40, 3, "(partition 0, row 5): the label 2.0"
                        + " is neither 0 nor 1", true, false), v -> {
                            DataCheck.Summary s = (DataCheck.Summary) v;
                            return s.rows() + " " + s.badRows() + " " + s.firstProblem() + " " + s.firstIsLabel() + " " + s.allBinary();
                        }),
                new Crossing("a cached row (spilled to disk)", new Example(new double[] {0.5, -2}, 1), v -> {
                    Example e = (Example) v;
                    return java.util.Arrays.toString(e.features()) + " " + e.label();
                }),
                new Crossing("a cached sparse row (spilled to disk)", Example.sparse(6, new int[] {1, 4}, new double[] {0.5, -2}, 0), v -> {
                    Example e = (Example) v;
                    return e.isSparse() + " " + e.storedEntries() + " " + java.util.Arrays.toString(e.features()) + " " + e.label();
                }),
                new Crossing("a partition's sums (a task result)", sums, v -> described((GradientSums) v)),
                new Crossing("a partition's sums in the sum tree's shuffle", new SumTree.Part(3, sums), v -> {
                    SumTree.Part p = (SumTree.Part) v;
                    return p.partition() + " " + described(p.sums());
                }),
                new Crossing("a group of the sum tree, added up (a task result)", group, v -> {
                    SumTree.Group g = (SumTree.Group) v;
                    return g.members() + " " + described(g.total());
                }),
                new Crossing("the params a step broadcasts", new double[][][] {{{0.5, -1}}, {{2}}},
                        v -> java.util.Arrays.deepToString((double[][][]) v)));
        // Kryo with registration required takes the classes from netgrad's registrator (without it, the first class fails).
        SparkConf registered = new SparkConf().set("spark.kryo.registrationRequired", "true")
                .set("spark.kryo.registrator", NetgradKryoRegistrator.class.getName());
        for (Serializer serializer : List.of(new JavaSerializer(new SparkConf()), new KryoSerializer(new SparkConf()),
                new KryoSerializer(registered))) {
            SerializerInstance instance = serializer.newInstance();
            for (Crossing c : crossings) {
                Object back = instance.deserialize(instance.serialize(c.value(), ANY), ANY);
                assertEquals(c.seen().apply(c.value()), c.seen().apply(back), c.what() + " through " + serializer.getClass().getSimpleName());
            }
        }
    }

    private static String described(GradientSums sums) {
        StringBuilder out = new StringBuilder(sums.count() + " " + sums.lossSum());
        for (int p = 0; p < sums.params(); p++) {
            out.append(' ').append(java.util.Arrays.toString(sums.gradient(p)));
        }
        return out.toString();
    }
}
