package dev.netgrad.spec.syntax;

import dev.netgrad.spec.Diagnostics;
import dev.netgrad.spec.SourcePos;
import dev.netgrad.spec.Statement;
import dev.netgrad.spec.ast.EquationAst;
import dev.netgrad.spec.ast.Expr;
import dev.netgrad.spec.ast.InitSpec;
import dev.netgrad.spec.ast.Member;
import dev.netgrad.spec.ast.SpecAst;
import dev.netgrad.spec.ast.TrainSetting;
import dev.netgrad.spec.parser.NetgradParser.*;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.antlr.v4.runtime.Token;

/**
 * Converts an error-free parse tree into the syntax tree, once; no ANTLR type survives it. The few
 * rules the grammar leaves open (chained comparisons, dense options, number range, nesting depth)
 * are reported here, still as part of the syntax stage.
 */
final class TreeConverter {
    private final Diagnostics diagnostics;
    private final ExprConverter exprs;

    TreeConverter(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
        this.exprs = new ExprConverter(diagnostics);
    }

    SpecAst spec(SpecContext ctx) {
        NetworkContext network = ctx.network();
        List<Member> members = new ArrayList<>();
        for (MemberContext m : network.body().member()) {
            members.add(member(m));
        }
        return new SpecAst(network.name.getText(), pos(network.name), members);
    }

    List<EquationAst> equations(EquationsContext ctx) {
        List<EquationAst> lines = new ArrayList<>();
        for (EquationContext e : ctx.equation()) {
            lines.add(new EquationAst(e.name.getText(), exprs.expr(e.expr()), pos(e.name), after(e.getStop())));
        }
        return lines;
    }

    private Member member(MemberContext ctx) {
        if (ctx instanceof DataDeclContext c) {
            return new Member.Data(c.kind.getType() == TARGET, c.name.getText(), sizes(c.sizes()), pos(c.name));
        }
        if (ctx instanceof ParamDeclContext c) {
            Optional<InitSpec> init = c.init() == null ? Optional.empty() : Optional.of(init(c.init()));
            return new Member.ParamDecl(c.name.getText(), sizes(c.sizes()), init, pos(c.name));
        }
        if (ctx instanceof ConstDeclContext c) {
            return new Member.ConstDecl(c.name.getText(), exprs.expr(c.expr()), pos(c.name));
        }
        if (ctx instanceof DimDeclContext c) {
            return new Member.DimDecl(c.name.getText(), exprs.expr(c.expr()), pos(c.name));
        }
        if (ctx instanceof ValueDeclContext c) {
            return assignment(c.name, Statement.Role.VALUE, c.expr());
        }
        if (ctx instanceof LossDeclContext c) {
            return c.expr() == null ? new Member.LossShorthand(c.name.getText(), pos(c.name))
                    : assignment(c.name, Statement.Role.LOSS, c.expr());
        }
        if (ctx instanceof CostDeclContext c) {
            return assignment(c.name, Statement.Role.COST, c.expr());
        }
        if (ctx instanceof OutputDeclContext c) {
            return new Member.Output(c.name.getText(), pos(c.name));
        }
        if (ctx instanceof DenseDeclContext c) {
            return dense(c);
        }
        if (ctx instanceof ConvDeclContext c) {
            return conv(c);
        }
        if (ctx instanceof PoolDeclContext c) {
            return pool(c);
        }
        if (ctx instanceof FlattenDeclContext c) {
            return new Member.Flatten(pos(c.FLATTEN().getSymbol()));
        }
        if (ctx instanceof RegularizeDeclContext c) {
            return new Member.Regularize(c.kind.getText(), exprs.args(c.args()), pos(c.kind));
        }
        return train((TrainBlockContext) ctx);
    }

    private Member.Assignment assignment(Token name, Statement.Role role, ExprContext value) {
        return new Member.Assignment(name.getText(), role, exprs.expr(value), pos(name));
    }

    private List<Expr> sizes(SizesContext ctx) {
        return ctx.expr().stream().map(exprs::expr).toList();
    }

    private InitSpec init(InitContext ctx) {
        return new InitSpec(ctx.kind.getText(), exprs.args(ctx.args()), ctx.LPAREN() != null, pos(ctx.kind));
    }

    private Member.Dense dense(DenseDeclContext ctx) {
        Optional<InitSpec> init = Optional.empty();
        Optional<Expr> keep = Optional.empty();
        for (DenseOptionContext option : ctx.denseOption()) {
            if (option instanceof DenseInitContext c) {
                if (init.isPresent()) {
                    diagnostics.error(pos(c.INIT().getSymbol()), "this dense layer already has an init");
                }
                init = Optional.of(init(c.init()));
            } else if (option instanceof DenseFlagContext c) {
                if (!c.option.getText().equals("dropout")) {
                    diagnostics.error(pos(c.option), LayerOptions.unknown(ctx, c.option.getText()));
                } else if (keep.isPresent()) {
                    diagnostics.error(pos(c.option), "this dense layer already has a dropout");
                }
                keep = Optional.of(exprs.expr(c.expr()));
            }
        }
        return new Member.Dense(exprs.expr(ctx.units), ctx.activation.getText(), pos(ctx.activation), init, keep,
                pos(ctx.DENSE().getSymbol()));
    }

    private Member.Conv conv(ConvDeclContext ctx) {
        Optional<InitSpec> init = Optional.empty();
        Optional<Expr> stride = Optional.empty();
        Optional<Expr> pad = Optional.empty();
        for (DenseOptionContext option : ctx.denseOption()) {
            if (option instanceof DenseInitContext c) {
                if (init.isPresent()) {
                    diagnostics.error(pos(c.INIT().getSymbol()), "this conv layer already has an init");
                }
                init = Optional.of(init(c.init()));
            } else if (option instanceof DenseFlagContext c) {
                String name = c.option.getText();
                if (name.equals("stride")) {
                    stride = once(stride, c, "conv layer");
                } else if (name.equals("pad")) {
                    pad = once(pad, c, "conv layer");
                } else {
                    diagnostics.error(pos(c.option), LayerOptions.unknown(ctx, name));
                }
            }
        }
        return new Member.Conv(exprs.expr(ctx.units), exprs.expr(ctx.size), ctx.activation.getText(),
                pos(ctx.activation), init, stride, pad, pos(ctx.CONV().getSymbol()));
    }

    private Member.Pool pool(PoolDeclContext ctx) {
        Optional<Expr> stride = Optional.empty();
        String what = ctx.kind.getText() + " layer";
        for (DenseOptionContext option : ctx.denseOption()) {
            Token at = option instanceof DenseFlagContext c ? c.option : ((DenseInitContext) option).INIT().getSymbol();
            if (option instanceof DenseFlagContext c && c.option.getText().equals("stride")) {
                stride = once(stride, c, what);
            } else {
                diagnostics.error(pos(at), LayerOptions.unknown(ctx, at.getText()));
            }
        }
        return new Member.Pool(ctx.kind.getType() == MAXPOOL, exprs.expr(ctx.size), stride, pos(ctx.kind));
    }

    /** An option given once: a second is reported. */
    private Optional<Expr> once(Optional<Expr> before, DenseFlagContext c, String layer) {
        if (before.isPresent()) {
            diagnostics.error(pos(c.option), "this " + layer + " already has a " + c.option.getText());
        }
        return Optional.of(exprs.expr(c.expr()));
    }

    private Member.Train train(TrainBlockContext ctx) {
        List<TrainSetting> settings = new ArrayList<>();
        for (TrainItemContext item : ctx.trainBody().trainItem()) {
            if (item instanceof OptimizerSettingContext c) {
                settings.add(new TrainSetting.Optimizer(c.kind.getText(), exprs.args(c.args()), pos(c.kind)));
            } else if (item instanceof CountSettingContext c) {
                settings.add(new TrainSetting.Count(countKind(c.setting), exprs.expr(c.expr()), pos(c.setting)));
            }
        }
        return new Member.Train(settings, pos(ctx.TRAIN().getSymbol()));
    }

    private static TrainSetting.Count.Kind countKind(Token t) {
        return switch (t.getType()) {
            case BATCH -> TrainSetting.Count.Kind.BATCH;
            case EPOCHS -> TrainSetting.Count.Kind.EPOCHS;
            default -> TrainSetting.Count.Kind.SEED;
        };
    }

    private static final int TARGET = dev.netgrad.spec.parser.NetgradLexer.TARGET;
    private static final int MAXPOOL = dev.netgrad.spec.parser.NetgradLexer.MAXPOOL;
    private static final int BATCH = dev.netgrad.spec.parser.NetgradLexer.BATCH;
    private static final int EPOCHS = dev.netgrad.spec.parser.NetgradLexer.EPOCHS;

    static SourcePos pos(Token t) {
        return SyntaxErrors.pos(t);
    }

    /** Just after a token: its column plus its width in code points, as columns count. */
    private static SourcePos after(Token t) {
        String text = t.getText();
        return new SourcePos(t.getLine(), t.getCharPositionInLine() + 1 + text.codePointCount(0, text.length()));
    }
}
