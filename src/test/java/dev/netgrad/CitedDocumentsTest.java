package dev.netgrad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every document a file of the project cites is in the repository: a reader who follows a
 * reference in a comment, a Javadoc or a README finds the page.
 */
class CitedDocumentsTest {
    /**
     * A citation: a Markdown link to a {@code .md} file, a path under {@code docs/}, or a document
     * named in capitals ({@code README.md}). Lower-case names elsewhere are outputs
     * ({@code target/netgrad/Iris.md}), not citations.
     */
    private static final Pattern CITATION = Pattern.compile(
            "\\]\\(([^)#\\s]+\\.md)(?:#[^)]*)?\\)"
                    + "|(?<![\\w./-])((?:[\\w.-]+/)*docs/[\\w./-]+\\.md)"
                    + "|(?<![\\w.-])((?:[\\w.-]+/)*[A-Z][A-Z0-9_-]*\\.md)");

    private static final Set<String> SKIPPED_FOLDERS = Set.of(".git", "target", ".idea", "node_modules");
    private static final Set<String> TEXT_SUFFIXES =
            Set.of(".java", ".md", ".nn", ".eq", ".xml", ".g4", ".py", ".properties", ".txt", ".sh", ".json");

    private static final Path THIS_FILE = Path.of("src/test/java/dev/netgrad/CitedDocumentsTest.java");

    private static Path root() {
        return Path.of(System.getProperty("basedir", "."));
    }

    @Test
    void everyCitedDocumentExists() throws IOException {
        List<String> missing = new ArrayList<>();
        for (Path file : textFiles()) {
            if (file.endsWith(THIS_FILE)) {
                continue; // its own examples of citations
            }
            List<String> lines = lines(file);
            for (int i = 0; i < lines.size(); i++) {
                for (String cited : citations(lines.get(i))) {
                    if (!exists(file, cited)) {
                        missing.add(root().relativize(file) + ":" + (i + 1) + ": " + cited);
                    }
                }
            }
        }
        assertEquals(List.of(), missing, "cited documents that are not in the repository");
    }

    @Test
    void theTestSeesTheProjectsDocumentsAndItsCitations() throws IOException {
        List<Path> files = textFiles();
        assertTrue(files.contains(root().resolve("README.md")), "the walk found no README.md");
        assertTrue(files.contains(root().resolve("docs/language.md")), "the walk found no docs/language.md");
        assertEquals(List.of("docs/language.md", "STYLE.md", "../docs/language.md", "images.md"),
                citations("see docs/language.md section 4, STYLE.md, [the language](../docs/language.md#shapes) "
                        + "and [images](images.md); target/netgrad/Iris.md is an output"));
    }

    /** A Markdown link's target, up to an anchor: {@code [text](path)} or {@code [text](path#anchor)}. */
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)#\\s]+)(?:#[^)\\s]*)?\\)");

    /**
     * Every relative link of a Markdown page lands on a file or folder of the repository, resolved as
     * GitHub resolves it: from the page's own folder, never from the project's root. A link in
     * docs/ written as from the root ({@code [images](docs/images.md)}) names docs/docs/images.md.
     */
    @Test
    void everyRelativeLinkResolvesFromItsPage() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path file : textFiles()) {
            if (!file.getFileName().toString().endsWith(".md")) {
                continue;
            }
            List<String> lines = lines(file);
            for (int i = 0; i < lines.size(); i++) {
                for (String target : relativeLinks(lines.get(i))) {
                    if (!Files.exists(file.getParent().resolve(target))) {
                        broken.add(root().relativize(file) + ":" + (i + 1) + ": " + target);
                    }
                }
            }
        }
        assertEquals(List.of(), broken, "links that resolve to nothing from the page that holds them");
    }

    @Test
    void relativeLinksAreThoseWithoutAScheme() {
        assertEquals(List.of("images.md", "../samples/planar.nn", "docs/images.md"),
                relativeLinks("[a](images.md#errors), [b](../samples/planar.nn) and [c](docs/images.md); "
                        + "[d](https://github.com/x), [e](#exit-codes), [f](mailto:me@example.com)"));
    }

    /** The targets of a line's Markdown links that are paths (no {@code scheme:}), anchors cut off. */
    static List<String> relativeLinks(String line) {
        List<String> found = new ArrayList<>();
        Matcher m = LINK.matcher(line);
        while (m.find()) {
            if (!m.group(1).matches("[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
                found.add(m.group(1));
            }
        }
        return found;
    }

    /** A Markdown link to a section: {@code [text](file.md#anchor)} or {@code [text](#anchor)}. */
    private static final Pattern SECTION_LINK = Pattern.compile("\\]\\(([^)#\\s]*)#([^)\\s]+)\\)");

    /**
     * A link to a section lands on a heading: the anchor is one GitHub makes from a heading of the
     * linked Markdown file (lower case, punctuation dropped, spaces as hyphens; a repeated heading
     * gets {@code -1}, {@code -2}). A section renamed or moved to another file breaks no link silently.
     */
    @Test
    void everyLinkedSectionExists() throws IOException {
        List<String> missing = new ArrayList<>();
        for (Path file : textFiles()) {
            if (!file.getFileName().toString().endsWith(".md")) {
                continue;
            }
            List<String> lines = lines(file);
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = SECTION_LINK.matcher(lines.get(i));
                while (m.find()) {
                    Path target = m.group(1).isEmpty() ? file : file.getParent().resolve(m.group(1));
                    if (Files.isRegularFile(target) && !anchors(lines(target)).contains(m.group(2))) {
                        missing.add(root().relativize(file) + ":" + (i + 1) + ": " + m.group(1) + "#" + m.group(2));
                    }
                }
            }
        }
        assertEquals(List.of(), missing, "links to sections that no heading makes");
    }

    @Test
    void anchorsAreGitHubs() {
        assertEquals(List.of("how-gradcheck-decides", "9-equation-files-eq", "errors", "errors-1", "why-the-1m"),
                anchors(List.of("## How gradcheck decides", "## 9. Equation files (`.eq`)", "# Errors", "```",
                        "# not a heading, in code", "```", "### Errors", "## Why: the 1/m")));
    }

    /** The anchors of a Markdown file's headings, outside fenced code, as GitHub names them. */
    static List<String> anchors(List<String> lines) {
        List<String> anchors = new ArrayList<>();
        boolean inCode = false;
        for (String line : lines) {
            if (line.startsWith("```")) {
                inCode = !inCode;
            } else if (!inCode && line.matches("#{1,6} .*")) {
                String slug = line.replaceFirst("^#+ ", "").strip().toLowerCase(java.util.Locale.ROOT)
                        .replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
                String unique = slug;
                for (int n = 1; anchors.contains(unique); n++) {
                    unique = slug + "-" + n;
                }
                anchors.add(unique);
            }
        }
        return anchors;
    }

    static List<String> citations(String line) {
        List<String> found = new ArrayList<>();
        Matcher m = CITATION.matcher(line);
        while (m.find()) {
            for (int g = 1; g <= m.groupCount(); g++) {
                if (m.group(g) != null) {
                    found.add(m.group(g));
                }
            }
        }
        return found;
    }

    /** Relative to the citing file's folder (a Markdown link) or to the project's root (a comment). */
    private static boolean exists(Path file, String cited) {
        return Files.isRegularFile(file.getParent().resolve(cited)) || Files.isRegularFile(root().resolve(cited));
    }

    private static List<Path> textFiles() throws IOException {
        try (Stream<Path> walk = Files.walk(root())) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> root().relativize(p).toString().isEmpty()
                            || Stream.of(root().relativize(p).toString().split("[/\\\\]")).noneMatch(SKIPPED_FOLDERS::contains))
                    .filter(p -> TEXT_SUFFIXES.stream().anyMatch(s -> p.getFileName().toString().endsWith(s)))
                    .sorted()
                    .toList();
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (MalformedInputException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
