package dev.netgrad.spec.check;

import dev.netgrad.ir.Num;
import dev.netgrad.ir.Ref;
import dev.netgrad.ir.RefKind;
import dev.netgrad.ir.Shape;
import dev.netgrad.spec.Constant;
import dev.netgrad.spec.DataValue;
import dev.netgrad.spec.Diagnostics;
import dev.netgrad.spec.Dim;
import dev.netgrad.spec.Init;
import dev.netgrad.spec.Param;
import dev.netgrad.spec.SourcePos;
import dev.netgrad.spec.ast.Member;
import dev.netgrad.spec.ast.SpecAst;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * The declaration pass: dims and consts first (in order, so each may use earlier ones), then inputs,
 * targets, params and the names that statements assign. Checks that every name is declared once and
 * is not reserved, and that every size is a whole number in range.
 */
final class Declarations {
    final List<Dim> dims = new ArrayList<>();
    final List<Constant> consts = new ArrayList<>();
    final List<DataValue> inputs = new ArrayList<>();
    final List<DataValue> targets = new ArrayList<>();
    final List<Param> params = new ArrayList<>();

    private final Symbols symbols;
    private final Diagnostics diagnostics;
    private final ConstantFolder folder;

    Declarations(Symbols symbols, Diagnostics diagnostics, ConstantFolder folder) {
        this.symbols = symbols;
        this.diagnostics = diagnostics;
        this.folder = folder;
    }

    /**
     * The longest name a spec may use: generated Java carries every name as an identifier and a
     * string constant (at most 65535 bytes each), prefixed and suffixed (dW1, computeDW1).
     */
    static final int MAX_NAME_LENGTH = 255;

    void declare(SpecAst ast) {
        checkLength(ast.name(), ast.pos(), "network ");
        for (Member m : ast.members()) {
            if (m instanceof Member.DimDecl d) {
                folder.expectLater(d.name(), d.pos());
            } else if (m instanceof Member.ConstDecl c) {
                folder.expectLater(c.name(), c.pos());
            } else if (m instanceof Member.Data d) {
                folder.notConstant(d.name(), d.target() ? "target" : "input");
            } else if (m instanceof Member.ParamDecl p) {
                folder.notConstant(p.name(), "param");
            } else if (m instanceof Member.Assignment a) {
                folder.notConstant(a.name(), "value");
            }
        }
        for (Member m : ast.members()) {
            if (m instanceof Member.DimDecl d) {
                dim(d);
            } else if (m instanceof Member.ConstDecl c) {
                constant(c);
            }
        }
        for (Member m : ast.members()) {
            if (m instanceof Member.Data d) {
                data(d);
            } else if (m instanceof Member.ParamDecl p) {
                param(p);
            } else if (m instanceof Member.Assignment a) {
                claim(a.name(), Symbols.Kind.VALUE, a.pos());
            }
        }
    }

    /**
     * Claims {@code name} for a new symbol (poisoned until its value is known); false, after
     * reporting, when the name is reserved or taken.
     */
    boolean claim(String name, Symbols.Kind kind, SourcePos pos) {
        return claim(name, kind, pos, "");
    }

    /** As {@link #claim(String, Symbols.Kind, SourcePos)}; {@code origin} says where a generated name comes from. */
    boolean claim(String name, Symbols.Kind kind, SourcePos pos, String origin) {
        if (!checkLength(name, pos, "") || !Names.checkDeclarable(name, pos, diagnostics)) {
            if (symbols.lookup(name).isEmpty()) {
                // The user meant a variable by this name: its uses are not new mistakes.
                symbols.put(Symbols.Symbol.poisoned(name, kind, pos));
            }
            return false;
        }
        Optional<Symbols.Symbol> existing = symbols.lookup(name);
        if (existing.isPresent()) {
            Symbols.Symbol s = existing.get();
            String where = s.pos().line() + ":" + s.pos().column();
            String message = s.kind() == Symbols.Kind.VALUE && kind == Symbols.Kind.VALUE
                    ? "'" + name + "' is already assigned at " + where + ": every name is assigned once"
                    : "'" + name + "' is already declared at " + where + " (as " + article(s.kind()) + ")";
            diagnostics.error(pos, origin + message);
            if (s.kind() != Symbols.Kind.VALUE || kind != Symbols.Kind.VALUE) {
                // Which declaration the uses meant is unknown: keep them silent.
                symbols.put(Symbols.Symbol.poisoned(name, s.kind(), s.pos()));
            }
            return false;
        }
        symbols.put(Symbols.Symbol.poisoned(name, kind, pos));
        return true;
    }

    private boolean checkLength(String name, SourcePos pos, String what) {
        if (name.length() <= MAX_NAME_LENGTH) {
            return true;
        }
        diagnostics.error(pos, "the " + what + "name '" + name.substring(0, 20) + "...' is " + name.length()
                + " characters long; names are at most " + MAX_NAME_LENGTH + " characters");
        return false;
    }

    private void dim(Member.DimDecl d) {
        OptionalInt value = folder.size(d.value(), "dim " + d.name());
        folder.declared(d.name());
        if (claim(d.name(), Symbols.Kind.DIM, d.pos()) && value.isPresent()) {
            int v = value.getAsInt();
            dims.add(new Dim(d.name(), v, d.pos()));
            symbols.put(new Symbols.Symbol(d.name(), Symbols.Kind.DIM, d.pos(), Optional.of(Num.of(v)), v));
        }
    }

    private void constant(Member.ConstDecl c) {
        OptionalDouble value = folder.number(c.value(), "const " + c.name());
        folder.declared(c.name());
        if (claim(c.name(), Symbols.Kind.CONST, c.pos()) && value.isPresent()) {
            double v = value.getAsDouble();
            consts.add(new Constant(c.name(), v, c.pos()));
            symbols.put(new Symbols.Symbol(c.name(), Symbols.Kind.CONST, c.pos(),
                    Optional.of(Symbols.constRef(c.name())), v));
        }
    }

    private void data(Member.Data d) {
        String what = d.target() ? "target" : "input";
        Symbols.Kind kind = d.target() ? Symbols.Kind.TARGET : Symbols.Kind.INPUT;
        if (!claim(d.name(), kind, d.pos())) {
            return;
        }
        if (d.sizes().size() != 1) {
            diagnostics.error(d.pos(), "an " + what + " has one size, its number of rows (" + d.name()
                    + " is rows x m), found " + d.sizes().size() + " sizes");
            return;
        }
        OptionalInt rows = folder.size(d.sizes().get(0), "the size of " + d.name());
        if (rows.isPresent()) {
            DataValue value = new DataValue(d.name(), rows.getAsInt(), d.pos());
            (d.target() ? targets : inputs).add(value);
            RefKind refKind = d.target() ? RefKind.TARGET : RefKind.INPUT;
            symbols.put(new Symbols.Symbol(d.name(), kind, d.pos(),
                    Optional.of(Ref.of(d.name(), refKind, value.shape())), 0));
        }
    }

    private void param(Member.ParamDecl p) {
        if (!claim(p.name(), Symbols.Kind.PARAM, p.pos())) {
            return;
        }
        if (p.sizes().isEmpty() || p.sizes().size() > 2) {
            diagnostics.error(p.pos(), "a param has one size (r, for an r x 1 param) or two (r, c), found "
                    + p.sizes().size());
            return;
        }
        OptionalInt rows = folder.size(p.sizes().get(0), "the size of " + p.name());
        OptionalInt cols = p.sizes().size() == 2 ? folder.size(p.sizes().get(1), "the size of " + p.name())
                : OptionalInt.of(1);
        boolean weight = p.sizes().size() == 2;
        Optional<Init> init = p.init().isPresent() ? Inits.fold(p.init().get(), folder, diagnostics) : Optional.empty();
        if (rows.isPresent() && cols.isPresent() && (init.isPresent() || p.init().isEmpty())) {
            Shape shape = new Shape(rows.getAsInt(), cols.getAsInt());
            Param param = new Param(p.name(), shape, init.orElse(Inits.byDefault(shape)), weight, p.pos());
            params.add(param);
            define(param);
        }
    }

    /** Gives a claimed param name its ref. */
    void define(Param param) {
        symbols.put(new Symbols.Symbol(param.name(), Symbols.Kind.PARAM, param.pos(),
                Optional.of(Ref.of(param.name(), RefKind.PARAM, param.shape())), 0));
    }

    private static String article(Symbols.Kind kind) {
        return (kind == Symbols.Kind.INPUT ? "an " : "a ") + kind.word();
    }
}
