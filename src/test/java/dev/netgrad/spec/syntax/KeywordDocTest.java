package dev.netgrad.spec.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.netgrad.spec.parser.NetgradLexer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/language.md's list of the words that cannot be names is the lexer's whole list. */
class KeywordDocTest {
    @Test
    void everyKeywordOfTheLexerIsListedInTheLanguagePage() throws IOException {
        String page = Files.readString(Path.of("docs/language.md"));
        int start = page.indexOf("- **Keywords**");
        String bullet = page.substring(start, page.indexOf("\n- **", start + 1)).replaceAll("\\s+", " ");
        List<String> missing = new ArrayList<>();
        for (int type = 1; type <= NetgradLexer.VOCABULARY.getMaxTokenType(); type++) {
            String literal = NetgradLexer.VOCABULARY.getLiteralName(type);
            if (TokenNames.isKeyword(type) && !bullet.matches(".*[` ]" + literal.replace("'", "") + "[` ,].*")) {
                missing.add(literal);
            }
        }
        assertEquals(List.of(), missing, "keywords the Keywords bullet of docs/language.md does not list: " + bullet);
    }
}
