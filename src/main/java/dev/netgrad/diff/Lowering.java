package dev.netgrad.diff;

import static dev.netgrad.diff.Algebra.num;

import dev.netgrad.ir.Apply;
import dev.netgrad.ir.Node;
import dev.netgrad.ir.Num;
import dev.netgrad.ir.Op;
import dev.netgrad.ir.Ref;
import dev.netgrad.ir.RefKind;
import dev.netgrad.spec.Network;
import dev.netgrad.spec.Statement;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rewrites a network's statements into primitive operations that the rules, the evaluator and
 * the code generator share: {@code dropout(x, k)} becomes {@code x * mask(A) / k}, and
 * {@code batchnorm(x, gamma, beta)} becomes named helper statements (mean, centred value,
 * standard deviation, normalized value) that the derivation prints too.
 */
final class Lowering {
    static final double BATCHNORM_EPS = 1e-5;

    /** The lowered statements and the batchnorms among them. */
    record Lowered(List<Statement> statements, List<Batchnorm> batchnorms) {
    }

    private final NameAllocator names;
    private final List<Statement> out = new ArrayList<>();
    private final List<Batchnorm> batchnorms = new ArrayList<>();

    private Lowering(NameAllocator names) {
        this.names = names;
    }

    static Lowered lower(Network network, NameAllocator names) {
        Lowering lowering = new Lowering(names);
        for (Statement s : network.statements()) {
            lowering.statement(s);
        }
        return new Lowered(List.copyOf(lowering.out), List.copyOf(lowering.batchnorms));
    }

    private void statement(Statement s) {
        Node value = new Rewriter(s).rewrite(s.value());
        out.add(new Statement(s.name(), value, s.role(), s.pos()));
    }

    /** Rewrites one statement's expression, adding helper statements before it. */
    private final class Rewriter {
        private final Statement owner;
        private final Map<Node, Node> done = new IdentityHashMap<>();
        private int batchnormsOfOwner;

        Rewriter(Statement owner) {
            this.owner = owner;
        }

        Node rewrite(Node node) {
            if (!(node instanceof Apply a)) {
                return node;
            }
            Node cached = done.get(node);
            if (cached != null) {
                return cached;
            }
            List<Node> args = a.args().stream().map(this::rewrite).toList();
            Node result = switch (a.op()) {
                case DROPOUT -> LoweredDropout.write(args.get(0), owner.name(), (Num) args.get(1));
                case BATCHNORM -> batchnorm(args.get(0), args.get(1), args.get(2));
                default -> Apply.of(a.op(), args);
            };
            done.put(node, result);
            return result;
        }

        private Node batchnorm(Node x, Node gamma, Node beta) {
            String base = owner.name();
            Ref mean = helper(base + "_mean", Apply.of(Op.MEAN1, x));
            Ref centred = helper(base + "_c", Apply.of(Op.SUB, x, mean));
            Node variance = Apply.of(Op.MEAN1, Apply.of(Op.POW, centred, num(2)));
            Ref std = helper(base + "_std", Apply.of(Op.SQRT, Apply.of(Op.ADD, variance, num(BATCHNORM_EPS))));
            Ref normalized = helper(base + "_hat", Apply.of(Op.DIV, centred, std));
            batchnormsOfOwner++;
            batchnorms.add(new Batchnorm(Batchnorm.key(owner, batchnormsOfOwner), mean.name(), std.name(), x.shape().rows(), BATCHNORM_EPS));
            return Apply.of(Op.ADD, Apply.of(Op.MUL, gamma, normalized), beta);
        }

        private Ref helper(String wanted, Node value) {
            String name = names.allocate(wanted);
            out.add(new Statement(name, value, Statement.Role.VALUE, owner.pos()));
            return Ref.of(name, RefKind.VALUE, value.shape());
        }
    }
}
