package dev.netgrad.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class InMemoryCompilerTest {
    @Test
    void aClassCompilesAndLoadsOncePerSource() throws ReflectiveOperationException {
        String source = "package p; public final class Answer { public static int get() { return 42; } }";
        Class<?> type = InMemoryCompiler.load("p.Answer", source);
        assertEquals(42, type.getMethod("get").invoke(null));
        assertSame(type, InMemoryCompiler.load("p.Answer", source));
    }

    @Test
    void aWarningFailsTheStrictCompileWithTheDiagnostic() {
        String source = "package p; public final class Raw { java.util.List list = new java.util.ArrayList(); }";
        InMemoryCompiler.CompileException e = assertThrows(InMemoryCompiler.CompileException.class,
                () -> InMemoryCompiler.load("p.Raw", source));
        assertTrue(e.getMessage().contains("/p/Raw.java:1:") && e.getMessage().contains("found raw type"), e.getMessage());
        assertTrue(!e.diagnostics().isEmpty());
    }
}
