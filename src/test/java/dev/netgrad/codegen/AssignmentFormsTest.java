package dev.netgrad.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.javaparser.StaticJavaParser;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AssignmentFormsTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "x[i] = x[i] + h0;                          | x[i] += h0;",
        "x[i] = x[i] * (a + b);                     | x[i] *= a + b;",
        "x[i] = oneOverM * x[i];                    | x[i] *= oneOverM;",
        // Not the same operations: (x + a) + b, a + x and h * x (h may be NaN) stay as written.
        "x[i] = x[i] + a + b;                       | x[i] = x[i] + a + b;",
        "x[i] = a + x[i];                           | x[i] = a + x[i];",
        "x[i] = h * x[i];                           | x[i] = h * x[i];",
        "d[0] = sumOfAll(g, m); d[0] = oneOverM * d[0]; | d[0] = oneOverM * sumOfAll(g, m);",
        "d[0] = a + b; d[0] = oneOverM * d[0];      | d[0] = oneOverM * (a + b);",
        // d[0] read twice, or a different entry: both statements stay (the second compound where it can be).
        "d[0] = s; d[0] = d[0] * d[0];              | d[0] = s; d[0] *= d[0];",
        "d[0] = s; d[1] = oneOverM * d[0];          | d[0] = s; d[1] = oneOverM * d[0];",
    })
    void shortensOnlyToTheSameOperations(String before, String after) {
        BlockStmt block = StaticJavaParser.parseBlock("{" + before + "}");
        List<Statement> statements = new ArrayList<>(block.getStatements());
        AssignmentForms.shorten(statements);
        assertEquals(after.trim(), statements.stream().map(Statement::toString).collect(Collectors.joining(" ")));
    }
}
