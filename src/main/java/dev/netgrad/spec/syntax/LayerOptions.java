package dev.netgrad.spec.syntax;

import dev.netgrad.spec.parser.NetgradParser;
import java.util.List;
import org.antlr.v4.runtime.RuleContext;

/**
 * The options of the layer lines ({@code dense}, {@code conv}, {@code maxpool}/{@code avgpool}), which the tree's check
 * ({@link TreeConverter}) and the parser's recovery ({@link FriendlyErrorStrategy}, for a word with no value after it)
 * both tell a user about in the same words.
 */
final class LayerOptions {
    private LayerOptions() {
    }

    /** The options written with a value ({@code dropout 0.8}, {@code stride 2}) of the layer line {@code layer}. */
    static List<String> withValue(RuleContext layer) {
        return layer instanceof NetgradParser.DenseDeclContext ? List.of("dropout")
                : layer instanceof NetgradParser.ConvDeclContext ? List.of("stride", "pad")
                : List.of("stride");
    }

    /** The error for {@code word}, no option of the layer line {@code layer}; batchnorm, which is none, with how to write it. */
    static String unknown(RuleContext layer, String word) {
        String message = layer instanceof NetgradParser.DenseDeclContext
                ? "unknown dense option '" + word + "': expected 'init' or 'dropout'"
                : layer instanceof NetgradParser.ConvDeclContext
                ? "unknown conv option '" + word + "': expected 'stride', 'pad' or 'init'"
                : "unknown " + ((NetgradParser.PoolDeclContext) layer).kind.getText() + " option '" + word + "': expected 'stride'";
        if (word.equals("batchnorm")) {
            message += layer instanceof NetgradParser.DenseDeclContext dense
                    ? " (a batchnorm is a statement of its own: write the layer out, Z = W @ prev, Zn = batchnorm(Z, gamma, beta), A = "
                            + dense.activation.getText() + "(Zn), as samples/batchnorm.nn does)"
                    : " (batchnorm normalizes a plain value, not an image: it may follow a flatten)";
        }
        return message;
    }
}
