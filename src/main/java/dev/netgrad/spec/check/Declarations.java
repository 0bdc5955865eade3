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
        if (checkLength(ast.name(), ast.pos(), "network ")) {
            // docs/language.md section 2: m and the built-in functions' names are no names, a network's included.
            Names.checkDeclarable(ast.name(), ast.pos(), diagnostics);
        }
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
            if (v == 0) {
                // Not an error here, but where a positive value is needed the refusal says what underflowed.
                folder.constantIsZero(c.name(), c.value());
            }
            consts.add(new Constant(c.name(), v, c.pos()));
            symbols.put(new Symbols.Symbol(c.name(), Symbols.Kind.CONST, c.pos(),
                    Optional.of(Symbols.constRef(c.name(), v)), v));
        }
    }

    private void data(Member.Data d) {
        String what = d.target() ? "target" : "input";
        Symbols.Kind kind = d.target() ? Symbols.Kind.TARGET : Symbols.Kind.INPUT;
        if (!claim(d.name(), kind, d.pos())) {
            return;
        }
        if (d.sizes().size() != 1 && d.sizes().size() != 3) {
            diagnostics.error(d.pos(), "an " + what + " has one size, its number of rows (" + d.name()
                    + " is rows x m), or three for an image (" + d.name() + "[h, w, c] is h x w x c x m), found "
                    + d.sizes().size() + " sizes");
            return;
        }
        List<Integer> sizes = sizes(d.sizes(), d.name());
        if (sizes == null) {
            return;
        }
        // Counted before the grid is made: a grid of more entries than an int holds cannot be made.
        long rows = sizes.size() == 1 ? sizes.get(0) : Shape.Grid.entries(sizes.get(0), sizes.get(1), sizes.get(2));
        if (rows > Shape.MAX_SIZE) {
            diagnostics.error(d.pos(), "the image " + d.name() + " has " + Shape.Grid.describeEntries(rows)
                    + " entries a column; at most " + Shape.MAX_SIZE + " are allowed");
            return;
        }
        Shape.Grid grid = sizes.size() == 3 ? new Shape.Grid(sizes.get(0), sizes.get(1), sizes.get(2)) : null;
        DataValue value = new DataValue(d.name(), (int) rows, grid, d.pos());
        (d.target() ? targets : inputs).add(value);
        RefKind refKind = d.target() ? RefKind.TARGET : RefKind.INPUT;
        symbols.put(new Symbols.Symbol(d.name(), kind, d.pos(),
                Optional.of(Ref.of(d.name(), refKind, value.shape())), 0));
    }

    /** Every size folded (each reported once); null if any is wrong. */
    private List<Integer> sizes(List<dev.netgrad.spec.ast.Expr> exprs, String name) {
        List<Integer> out = new ArrayList<>();
        boolean failed = false;
        for (dev.netgrad.spec.ast.Expr e : exprs) {
            OptionalInt v = folder.size(e, "the size of " + name);
            failed |= v.isEmpty();
            out.add(v.orElse(0));
        }
        return failed ? null : out;
    }

    private void param(Member.ParamDecl p) {
        if (!claim(p.name(), Symbols.Kind.PARAM, p.pos())) {
            return;
        }
        int count = p.sizes().size();
        if (count < 1 || count == 3 || count > 4) {
            diagnostics.error(p.pos(), "a param has one size (r, for an r x 1 param), two (r, c), or four for a "
                    + "filter bank (f, f, c_in, c_out), found " + count);
            return;
        }
        List<Integer> sizes = sizes(p.sizes(), p.name());
        Optional<Init> init = p.init().isPresent() ? Inits.fold(p.init().get(), folder, diagnostics) : Optional.empty();
        if (sizes == null || (init.isEmpty() && p.init().isPresent())) {
            return;
        }
        Shape shape;
        if (count == 4) {
            if (!sizes.get(0).equals(sizes.get(1))) {
                diagnostics.error(p.pos(), "a filter bank's filters are square: " + p.name() + "[f, f, c_in, c_out], found "
                        + sizes.get(0) + " x " + sizes.get(1));
                return;
            }
            long entries = Shape.Grid.entries(sizes.get(0), sizes.get(1), sizes.get(2));
            if (entries > Shape.MAX_SIZE) {
                diagnostics.error(p.pos(), filterTooLarge(p.name(), sizes.get(0), sizes.get(2), entries));
                return;
            }
            shape = Shape.filters(sizes.get(0), sizes.get(2), sizes.get(3));
        } else {
            shape = new Shape(sizes.get(0), count == 2 ? sizes.get(1) : 1);
        }
        Param param = new Param(p.name(), shape, init.orElse(Inits.byDefault(shape)), count >= 2, p.pos());
        params.add(param);
        define(param);
    }

    /** Gives a claimed param name its ref. */
    void define(Param param) {
        symbols.put(new Symbols.Symbol(param.name(), Symbols.Kind.PARAM, param.pos(),
                Optional.of(Ref.of(param.name(), RefKind.PARAM, param.shape())), 0));
    }

    /** A filter (f x f x c_in) larger than an image may be: its rows would wrap around an int. */
    static String filterTooLarge(String name, int f, int cIn, long entries) {
        return "a filter of " + name + " (" + f + " x " + f + " x " + cIn + ") has " + Shape.Grid.describeEntries(entries)
                + " entries; at most " + Shape.MAX_SIZE + " are allowed";
    }

    private static String article(Symbols.Kind kind) {
        return (kind == Symbols.Kind.INPUT ? "an " : "a ") + kind.word();
    }
}
