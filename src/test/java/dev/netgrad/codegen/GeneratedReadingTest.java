package dev.netgrad.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.nodeTypes.NodeWithJavadoc;
import com.github.javaparser.ast.nodeTypes.modifiers.NodeWithPublicModifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A generated class as a newcomer reads it: its public members documented, its comments naming what is below them. */
class GeneratedReadingTest {
    private static String generate(String sample) {
        return TrainerGenerator.generate(Specs.derive(Specs.read(Path.of(sample))), CompiledTrainer.PACKAGE);
    }

    /** The public constants had line comments (some none), which an IDE's or javadoc's reader never sees. */
    @Test
    void everyPublicMemberOfAGeneratedClassHasItsJavadoc() {
        List<String> undocumented = new ArrayList<>();
        for (String sample : List.of("samples/planar.nn", "samples/dropout.nn", "samples/batchnorm.nn", "samples/images/digits_cnn.nn")) {
            CompilationUnit unit = new JavaParser(new ParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17))
                    .parse(generate(sample)).getResult().orElseThrow();
            for (BodyDeclaration<?> member : unit.getType(0).getMembers()) {
                boolean isPublic = member instanceof NodeWithPublicModifier<?> && ((NodeWithPublicModifier<?>) member).isPublic();
                if (isPublic && ((NodeWithJavadoc<?>) member).getJavadocComment().isEmpty()) {
                    String name = member instanceof FieldDeclaration ? ((FieldDeclaration) member).getVariable(0).getNameAsString()
                            : member.toString().lines().findFirst().orElse("");
                    undocumented.add(sample + ": " + name);
                }
            }
        }
        assertEquals(List.of(), undocumented);
    }

    /** A mask's field is maskA1, its comment said "A1 (20 x m)", the name of another field. */
    @Test
    void aMaskFieldsCommentNamesTheMaskAsTheEquationsDo() {
        String source = generate("samples/dropout.nn");
        assertTrue(source.contains("    // mask(A1) (20 x m): dropout keep-mask of A1\n    private double[] maskA1 = "), source);
    }

    /** Batchnorm's eps in the comments as a user writes it; they said 0.00001 (the code's literal is Java's 1.0E-5). */
    @Test
    void batchnormsEpsReadsAsAUserWritesItInTheComments() {
        String source = generate("samples/batchnorm.nn");
        assertTrue(source.contains("// Zn1_std = sqrt(mean(Zn1_c^2, axis=1) + 1e-5)   (8 x 1)\n"), source);
        assertTrue(source.contains("// Zn1_std = sqrt(the running average of the variance + 1e-5)\n"), source);
        assertTrue(!source.contains("0.00001"), source);
    }

    /** A train block without an optimizer or epochs line keeps the defaults, which the comments called the block's own. */
    @Test
    void aTrainBlocksDefaultsAreSaidToBeDefaults() {
        String source = TrainerGenerator.generate(Specs.derive("small.nn", """
                network Small {
                  input X[2]
                  target Y[1]
                  dense 1 sigmoid
                  loss cross_entropy
                  train { batch 8 }
                }
                """), CompiledTrainer.PACKAGE);
        assertTrue(source.contains("// The train block's optimizer (gradient descent, lr 0.01, the default).\n"
                + "        useOptimizer(\"gd\", 0.01,"), source);
        assertTrue(source.contains("The train block's epochs, which fit(x, y, progress) trains (1000, the default)."), source);
    }

    /** The class's javadoc showed the params file with a param "W", which the network may not have. */
    @Test
    void theParamsFileExampleNamesTheNetworksFirstParam() {
        String source = TrainerGenerator.generate(Specs.derive("logistic.nn", """
                network Logistic {
                  input X[2]
                  target Y[1]
                  param theta[1, 2]
                  param bias[1]
                  A = sigmoid(theta @ X + bias)
                  loss L = -(Y * log(A) + (1 - Y) * log(1 - A))
                  cost J = mean(L)
                }
                """), CompiledTrainer.PACKAGE);
        assertTrue(source.contains("{@code {\"network\": \"Logistic\", \"params\": {\"theta\": [[...], ...], ...}}}"), source);
    }
}
