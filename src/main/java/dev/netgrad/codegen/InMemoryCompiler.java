package dev.netgrad.codegen;

import dev.netgrad.runtime.Trainer;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles generated source with the JDK's own compiler, in memory, against netgrad's own runtime
 * classes ({@code dev.netgrad.runtime}), and loads the class in a class loader of its own whose
 * parent is netgrad's: the trainer is then a {@code dev.netgrad.runtime.Trainer} netgrad can call
 * without reflection. netgrad's verbs run generated trainers this way; nothing touches the disk.
 */
public final class InMemoryCompiler {
    /** The options every generated class must compile cleanly with. */
    public static final List<String> STRICT = List.of("--release", "17", "-Xlint:all", "-Werror", "-proc:none");

    private static final Map<String, Class<?>> LOADED = new ConcurrentHashMap<>();

    private InMemoryCompiler() {
    }

    /** The compiled top-level class {@code qualifiedName} of {@code source}; the same source is compiled once per process. */
    public static Class<?> load(String qualifiedName, String source) {
        String key = qualifiedName + "\n" + source;
        Class<?> known = LOADED.get(key);
        if (known != null) {
            return known;
        }
        Map<String, byte[]> classes = compile(qualifiedName, source, STRICT);
        try {
            Class<?> loaded = new BytesClassLoader(classes).loadClass(qualifiedName);
            LOADED.putIfAbsent(key, loaded);
            return LOADED.get(key);
        } catch (ClassNotFoundException e) {
            throw new CompileException("the generated source does not define " + qualifiedName, List.of());
        }
    }

    /**
     * Compiles one source file against netgrad's runtime classes and returns the bytes of every
     * class it defines, by binary name.
     */
    public static Map<String, byte[]> compile(String qualifiedName, String source, List<String> options) {
        List<String> all = new ArrayList<>(options);
        all.addAll(List.of("--class-path", runtimeLocation(), "-implicit:none"));
        return compileAll(Map.of(qualifiedName, source), all);
    }

    /**
     * Compiles source files (by qualified class name) together with exactly {@code options} (no class
     * path unless they give one) and returns the bytes of every class they define, by binary name.
     */
    public static Map<String, byte[]> compileAll(Map<String, String> sources, List<String> options) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new NoCompilerException("needs a JDK (javac) to run generated code: the Java runtime at "
                    + System.getProperty("java.home") + " has no system compiler. Run netgrad with a JDK 17 or newer.");
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        StandardJavaFileManager standard = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8);
        MemoryFileManager files = new MemoryFileManager(standard);
        List<JavaFileObject> units = new ArrayList<>();
        new java.util.TreeMap<>(sources).forEach((name, text) -> units.add(new Source(name, text)));
        Boolean ok = javac.getTask(null, files, diagnostics, options, null, units).call();
        List<String> messages = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> diagnostic : diagnostics.getDiagnostics()) {
            messages.add(format(diagnostic));
        }
        if (!ok) {
            throw new CompileException("the generated class " + String.join(", ", new java.util.TreeSet<>(sources.keySet()))
                    + " does not compile:\n" + String.join("\n", messages), messages);
        }
        return files.classes;
    }

    /** The folder or jar netgrad's runtime classes are loaded from (target/classes in a build, the jar when installed). */
    public static String runtimeLocation() {
        try {
            return Path.of(Trainer.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException | RuntimeException e) {
            throw new IllegalStateException("netgrad cannot find where its runtime classes are loaded from: " + e, e);
        }
    }

    private static String format(Diagnostic<? extends JavaFileObject> d) {
        String where = d.getSource() == null || d.getLineNumber() < 0 ? ""
                : d.getSource().getName() + ":" + d.getLineNumber() + ":" + d.getColumnNumber() + ": ";
        return where + d.getKind().name().toLowerCase(Locale.ROOT) + ": " + d.getMessage(Locale.ROOT);
    }

    /** The running Java is a JRE without javac: the user's setup, not a bug. */
    public static final class NoCompilerException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        NoCompilerException(String message) {
            super(message);
        }
    }

    /** javac could not compile generated source: a bug in netgrad, never a user's mistake. */
    public static final class CompileException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final List<String> diagnostics;

        CompileException(String message, List<String> diagnostics) {
            super(message);
            this.diagnostics = List.copyOf(diagnostics);
        }

        public List<String> diagnostics() {
            return diagnostics;
        }
    }

    private static final class Source extends SimpleJavaFileObject {
        private final String text;

        Source(String qualifiedName, String text) {
            super(URI.create("string:///" + qualifiedName.replace('.', '/') + Kind.SOURCE.extension), Kind.SOURCE);
            this.text = text;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }
    }

    private static final class ClassBytes extends SimpleJavaFileObject {
        private final String name;
        private final Map<String, byte[]> sink;

        ClassBytes(String name, Map<String, byte[]> sink) {
            super(URI.create("bytes:///" + name.replace('.', '/') + Kind.CLASS.extension), Kind.CLASS);
            this.name = name;
            this.sink = sink;
        }

        @Override
        public OutputStream openOutputStream() {
            return new ByteArrayOutputStream() {
                @Override
                public void close() {
                    sink.put(name, toByteArray());
                }
            };
        }
    }

    private static final class MemoryFileManager extends ForwardingJavaFileManager<StandardJavaFileManager> {
        private final Map<String, byte[]> classes = new HashMap<>();

        MemoryFileManager(StandardJavaFileManager standard) {
            super(standard);
        }

        @Override
        public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind, FileObject sibling) {
            return new ClassBytes(className, classes);
        }
    }

    /** Loads compiled classes from their bytes, with netgrad's own loader as parent. */
    static final class BytesClassLoader extends ClassLoader {
        private final Map<String, byte[]> classes;

        BytesClassLoader(Map<String, byte[]> classes) {
            // netgrad's loader as parent: the trainer shares netgrad's runtime classes (Trainer, NetworkTrainer).
            super(InMemoryCompiler.class.getClassLoader());
            this.classes = Map.copyOf(classes);
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] bytes = classes.get(name);
            if (bytes == null) {
                throw new ClassNotFoundException(name);
            }
            return defineClass(name, bytes, 0, bytes.length);
        }
    }
}
