package dev.netgrad.runtime.spark;

import com.esotericsoftware.kryo.Kryo;
import dev.netgrad.runtime.GradientSums;
import org.apache.spark.serializer.KryoRegistrator;

/**
 * Registers with Kryo every class a fit hands to the session's serializer, for sessions that run Kryo with
 * {@code spark.kryo.registrationRequired=true} (where an unregistered class fails the job):
 * {@code spark.kryo.registrator=dev.netgrad.runtime.spark.NetgradKryoRegistrator}. Without that setting Kryo
 * needs no registration, and Java's serializer none at all.
 */
public final class NetgradKryoRegistrator implements KryoRegistrator {
    @Override
    public void registerClasses(Kryo kryo) {
        // The data check's task results, the cached rows, the steps' sums and the sum tree's shuffle and groups.
        kryo.register(DataCheck.Summary.class);
        kryo.register(Example.class);
        kryo.register(GradientSums.class);
        kryo.register(GradientSums[].class);
        kryo.register(SumTree.Part.class);
        kryo.register(SumTree.Group.class);
        // What they hold, and the params each step broadcasts.
        kryo.register(double[].class);
        kryo.register(int[].class);
        kryo.register(double[][].class);
        kryo.register(double[][][].class);
    }
}
