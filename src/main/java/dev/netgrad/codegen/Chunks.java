package dev.netgrad.codegen;

import com.github.javaparser.ast.Modifier;
import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.comments.LineComment;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.type.VoidType;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts the long bodies of a big network's methods (forward, backward, the constructor, allocate)
 * into private methods of at most {@link #MAX_STATEMENTS} statements, called in order: the JVM
 * caps a method at 64 kB of code, which a network of a thousand layers passes.
 */
final class Chunks {
    /** About 10 to 20 bytes of code each: far below 64 kB. */
    static final int MAX_STATEMENTS = 1000;

    private Chunks() {
    }

    /**
     * Moves the statements of {@code body} after the first {@code keep} into parts named after
     * {@code owner} when there are more than {@link #MAX_STATEMENTS}; returns the parts (none for a
     * short body, which stays as it is). The parts take the method's {@code parameters} and are passed them.
     */
    static List<MethodDeclaration> split(BlockStmt body, int keep, String owner, JavaNames names, List<Parameter> parameters) {
        NodeList<Statement> statements = body.getStatements();
        if (statements.size() - keep <= MAX_STATEMENTS) {
            return List.of();
        }
        List<Statement> moved = new ArrayList<>(statements.subList(keep, statements.size()));
        List<Statement> kept = new ArrayList<>(statements.subList(0, keep));
        // Detach every statement first: replacing the list later would orphan the moved ones in their new parent.
        body.setStatements(new NodeList<>());
        List<MethodDeclaration> parts = new ArrayList<>();
        for (int from = 0; from < moved.size(); from += MAX_STATEMENTS) {
            int to = Math.min(moved.size(), from + MAX_STATEMENTS);
            String name = names.allocate(owner + "Part" + (parts.size() + 1));
            MethodDeclaration part = new MethodDeclaration(Modifier.createModifierList(Modifier.Keyword.PRIVATE), new VoidType(), name);
            parameters.forEach(p -> part.addParameter(p.clone()));
            part.setBody(Ast.block(new ArrayList<>(moved.subList(from, to))));
            part.setComment(new LineComment(" " + owner + ", statements " + (from + 1) + " to " + to + " (a method holds at most 64 kB of code)"));
            parts.add(part);
            kept.add(Ast.run(Ast.call(name, parameters.stream().map(p -> (Expression) Ast.name(p.getNameAsString())).toArray(Expression[]::new))));
        }
        body.setStatements(new NodeList<>(kept));
        return parts;
    }
}
