package dev.netgrad.spec;

import dev.netgrad.ir.Node;
import java.util.Optional;

/**
 * The checked shape of a cost: {@code mean(L)} or {@code sum(L)}, plus a regularizer that does not
 * read the examples (empty when there is none).
 */
public record CostForm(boolean mean, Optional<Node> regularizer) {
}
