package dev.netgrad.codegen;

import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.stmt.Statement;
import dev.netgrad.codegen.Buffers.Buffer;
import dev.netgrad.ir.Node;
import java.util.List;
import java.util.Map;

/**
 * What the classes compiling one IR statement share, so that each pass ({@link KernelCompiler}'s
 * kernels, {@link FusedLoops}, {@link Reductions}, {@link ImageCalls}) adds to the same method:
 * the class's buffers, the name of the destination that temporaries are named after, the method's
 * locals, the exp(-|x|) it stores or reads, the results already computed (and where), and the
 * statements and members emitted so far, in order. The map and lists are the compilation's
 * mutable state, shared on purpose and never copied: the passes' order of adding is the output.
 */
record StatementScope(
        Buffers buffers,
        String owner,
        Locals locals,
        SharedExps shared,
        Map<Node, Buffer> materialized,
        List<Statement> out,
        List<BodyDeclaration<?>> members) {
}
