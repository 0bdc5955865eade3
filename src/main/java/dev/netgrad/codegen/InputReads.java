package dev.netgrad.codegen;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.comments.LineComment;
import com.github.javaparser.ast.expr.ArrayCreationExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BooleanLiteralExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.type.PrimitiveType;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a finished trainer class for where it reads its input buffer. When the passes read it only
 * as the right operand of a product ({@code products.multiply(W1, X, ...)}, {@code
 * products.multiplyTransB(dZ1, X, ...)}), the runtime may leave the batch in the rows it was given
 * and let those products read the rows into their panels; the class then says so by overriding
 * {@code inputOnlyInProducts}. Any other read (an elementwise loop, a convolution, dropout on the
 * input, A of a product) keeps the copy into the buffer, so the answer errs only towards copying.
 */
final class InputReads {
    /** The products whose second argument (B, or B's transpose) may read the batch's rows. */
    private static final Set<String> ROW_READING_PRODUCTS = Set.of("multiply", "multiplyTransB");
    /** The lookups that hand the buffer itself to the runtime, which fills it before it reads it. */
    private static final Set<String> LOOKUPS = Set.of("inputBuffer", "valueBuffer");

    private InputReads() {
    }

    /** The override of {@code inputOnlyInProducts}, when {@code type} reads {@code input} only through products. */
    static Optional<MethodDeclaration> override(ClassOrInterfaceDeclaration type, String input) {
        List<NameExpr> uses = type.findAll(NameExpr.class, n -> n.getNameAsString().equals(input));
        if (uses.isEmpty() || !uses.stream().allMatch(InputReads::isRowReadingUse)) {
            return Optional.empty();
        }
        MethodDeclaration m = Members.override(PrimitiveType.booleanType(), "inputOnlyInProducts", List.of(new ReturnStmt(new BooleanLiteralExpr(true))));
        m.setComment(new LineComment(" Only products read " + input + ", from the batch's rows: no step copies the batch into " + input + "."));
        return Optional.of(m);
    }

    private static boolean isRowReadingUse(NameExpr use) {
        Node parent = use.getParentNode().orElseThrow();
        if (parent instanceof MethodCallExpr call) {
            return call.getScope().filter(s -> s instanceof NameExpr n && n.getNameAsString().equals("products")).isPresent()
                    && ROW_READING_PRODUCTS.contains(call.getNameAsString())
                    && call.getArguments().size() > 1 && call.getArgument(1) == use;
        }
        if (parent instanceof AssignExpr assign && assign.getTarget() == use) {
            return assign.getValue() instanceof ArrayCreationExpr;
        }
        return use.findAncestor(MethodDeclaration.class).map(m -> LOOKUPS.contains(m.getNameAsString())).orElse(false);
    }
}
