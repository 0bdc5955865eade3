package dev.netgrad.spec;

import dev.netgrad.ir.Nodes;
import dev.netgrad.ir.Op;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A checked network: shorthand expanded, every name resolved, every statement shaped.
 * Statements are in dependency order and end with the loss and the cost. {@code pos} is where the
 * spec names the network, for errors about the class it becomes.
 */
public record Network(
        String name,
        String path,
        SourcePos pos,
        List<Dim> dims,
        List<Constant> consts,
        List<DataValue> inputs,
        List<DataValue> targets,
        List<Param> params,
        List<Statement> statements,
        String loss,
        String cost,
        CostForm costForm,
        String output,
        Optional<TrainConfig> train) {

    public Network {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(pos, "pos");
        dims = List.copyOf(dims);
        consts = List.copyOf(consts);
        inputs = List.copyOf(inputs);
        targets = List.copyOf(targets);
        params = List.copyOf(params);
        statements = List.copyOf(statements);
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(cost, "cost");
        Objects.requireNonNull(costForm, "costForm");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(train, "train");
    }

    public Optional<Statement> statement(String name) {
        return statements.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public Optional<Param> param(String name) {
        return params.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** Whether any dim, const, input, target, param or statement of this network has the name. */
    public boolean declares(String name) {
        return dims.stream().anyMatch(x -> x.name().equals(name)) || consts.stream().anyMatch(x -> x.name().equals(name))
                || inputs.stream().anyMatch(x -> x.name().equals(name)) || targets.stream().anyMatch(x -> x.name().equals(name))
                || param(name).isPresent() || statement(name).isPresent();
    }

    /** The values a batchnorm assigns, in order: a batch of one example cannot train such a network. */
    public List<String> batchnorms() {
        return statements.stream().filter(s -> Nodes.applies(s.value(), Op.BATCHNORM)).map(Statement::name).toList();
    }

    public double constValue(String name) {
        return consts.stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no const " + name)).value();
    }
}
