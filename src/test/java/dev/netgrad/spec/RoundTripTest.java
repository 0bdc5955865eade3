package dev.netgrad.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every sample reads, checks and prints; what is printed reads back to an equal model. */
class RoundTripTest {
    static Stream<String> samples() {
        return TestFiles.samples().stream().map(s -> s[0]);
    }

    private static String text(String name) {
        return TestFiles.samples().stream().filter(s -> s[0].equals(name)).findFirst().orElseThrow()[1];
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void printedSampleReadsBackToAnEqualModel(String name) throws SpecException {
        Network original = SpecReader.read(name, text(name));
        String printed = NetworkPrinter.print(original);
        Network again = SpecReader.read(name + " (printed)", printed);
        assertSameModel(original, again);
        assertEquals(printed, NetworkPrinter.print(again), "printing is stable");
    }

    @ParameterizedTest(name = "{index}")
    @MethodSource("shorthand")
    void expandedShorthandReadsBackToAnEqualModel(String text) throws SpecException {
        Network original = SpecReader.read("shorthand.nn", text);
        assertSameModel(original, SpecReader.read("printed.nn", NetworkPrinter.print(original)));
    }

    static Stream<String> shorthand() {
        String head = "network S {\n const lambda = 0.7\n input X[3]\n target Y[%d]\n";
        return Stream.of(
                head.formatted(1) + " dense 4 relu init he dropout 0.9\n dense 2 leaky_relu\n dense 1 sigmoid\n"
                        + " loss cross_entropy\n regularize l2(lambda)\n}\n",
                head.formatted(3) + " dense 5 tanh init uniform(-0.1, 0.1)\n dense 3 softmax\n loss cross_entropy\n"
                        + " regularize l2(0.01)\n train {\n optimizer momentum(0.1, 0.8)\n batch 16\n }\n}\n",
                head.formatted(2) + " dense 2 linear\n loss mse\n cost C = sum(L)\n"
                        + " train {\n optimizer adam(lr = 1e-3, eps = 1e-7)\n seed -5\n }\n}\n",
                head.formatted(2) + " dense 2 sigmoid\n loss cross_entropy\n}\n");
    }

    /**
     * show printed an author's grouping of a sum or product regrouped (A1 + (Z1 - A1) as A1 + Z1 - A1), which
     * the forward pass does not compute; it prints the statement as written, and it reads back to the same model.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("groupings")
    void showPrintsAStatementsGroupingAsWritten(String written, String shown) throws SpecException {
        String text = "network G {\n  input X[3]\n  target Y[1]\n  param W[3, 3]\n  param V[1, 3]\n  Z = W @ X\n"
                + "  B = " + written + "\n  A = sigmoid(V @ B)\n  loss L = -(Y * log(A) + (1 - Y) * log(1 - A))\n"
                + "  cost J = mean(L)\n}\n";
        Network original = SpecReader.read("g.nn", text);
        String printed = NetworkPrinter.print(original);
        assertEquals(true, printed.contains("  B = " + shown + " "), printed);
        assertSameModel(original, SpecReader.read("printed.nn", printed));
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> groupings() {
        return Stream.of(
                // as written                      as show prints it
                org.junit.jupiter.params.provider.Arguments.of("Z + (W @ Z - Z)", "Z + (W @ Z - Z)"),
                org.junit.jupiter.params.provider.Arguments.of("Z * (Z / (Z + 2))", "Z * (Z / (Z + 2))"),
                org.junit.jupiter.params.provider.Arguments.of("2 * (W @ Z)", "2 * (W @ Z)"),
                org.junit.jupiter.params.provider.Arguments.of("Z * (2 * 3)", "Z * (2 * 3)"),
                org.junit.jupiter.params.provider.Arguments.of("(Z * 2) * 3", "Z * 2 * 3"),
                org.junit.jupiter.params.provider.Arguments.of("Z + Z - (Z - Z)", "Z + Z - (Z - Z)"));
    }

    /** Equal but for source positions and the path. */
    static void assertSameModel(Network a, Network b) {
        assertEquals(a.name(), b.name());
        assertEquals(project(a.dims(), d -> d.name() + "=" + d.value()), project(b.dims(), d -> d.name() + "=" + d.value()));
        assertEquals(project(a.consts(), c -> c.name() + "=" + c.value()), project(b.consts(), c -> c.name() + "=" + c.value()));
        assertEquals(project(a.inputs(), d -> d.name() + d.shape()), project(b.inputs(), d -> d.name() + d.shape()));
        assertEquals(project(a.targets(), d -> d.name() + d.shape()), project(b.targets(), d -> d.name() + d.shape()));
        assertEquals(project(a.params(), RoundTripTest::param), project(b.params(), RoundTripTest::param));
        assertEquals(a.statements().size(), b.statements().size());
        for (int i = 0; i < a.statements().size(); i++) {
            Statement x = a.statements().get(i);
            Statement y = b.statements().get(i);
            assertEquals(x.name(), y.name());
            assertEquals(x.role(), y.role());
            assertEquals(x.value(), y.value(), "value of " + x.name());
            assertEquals(x.shape(), y.shape());
        }
        assertEquals(a.loss(), b.loss());
        assertEquals(a.cost(), b.cost());
        assertEquals(a.costForm(), b.costForm());
        assertEquals(a.output(), b.output());
        assertEquals(a.train(), b.train());
    }

    private static String param(Param p) {
        return p.name() + " " + p.shape() + " " + p.init() + " " + p.weight();
    }

    private static <T> List<String> project(List<T> items, java.util.function.Function<T, String> f) {
        return items.stream().map(f).toList();
    }
}
