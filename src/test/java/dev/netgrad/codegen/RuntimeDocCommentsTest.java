package dev.netgrad.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Modifier;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.EnumConstantDeclaration;
import com.github.javaparser.ast.body.EnumDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.InitializerDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.nodeTypes.NodeWithJavadoc;
import com.github.javaparser.ast.nodeTypes.NodeWithModifiers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The runtime is the API a user of a generated trainer codes against (the trainer's own members are
 * documented by the generator): every member that javadoc shows, public ones and the protected ones of
 * a class a user may extend, has a doc comment. An override inherits its interface's.
 */
class RuntimeDocCommentsTest {
    @Test
    void everyPublicOrProtectedMemberOfTheRuntimeHasADocComment() {
        JavaParser parser = new JavaParser(new ParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17));
        List<String> undocumented = new ArrayList<>();
        for (Map.Entry<String, String> file : RuntimeSources.files().entrySet()) {
            CompilationUnit unit = parser.parse(file.getValue()).getResult().orElseThrow();
            for (TypeDeclaration<?> type : unit.getTypes()) {
                if (type.isPublic()) {
                    collect(file.getKey(), type, undocumented);
                }
            }
        }
        assertEquals(List.of(), undocumented);
    }

    /** The members of a type javadoc shows, and of its nested types that it shows, that have no doc comment. */
    private static void collect(String file, TypeDeclaration<?> type, List<String> undocumented) {
        if (type.getJavadocComment().isEmpty()) {
            undocumented.add(file + ": " + type.getNameAsString());
        }
        boolean isInterface = type instanceof ClassOrInterfaceDeclaration c && c.isInterface();
        boolean extendable = !isInterface && !type.hasModifier(Modifier.Keyword.FINAL) && !type.isEnumDeclaration()
                && !type.isRecordDeclaration();
        if (type instanceof EnumDeclaration e) {
            for (EnumConstantDeclaration constant : e.getEntries()) {
                if (constant.getJavadocComment().isEmpty()) {
                    undocumented.add(file + ": " + type.getNameAsString() + "." + constant.getNameAsString());
                }
            }
        }
        for (BodyDeclaration<?> member : type.getMembers()) {
            if (member instanceof InitializerDeclaration || member.isAnnotationPresent(Override.class)
                    || !shown(member, isInterface, extendable)) {
                continue;
            }
            if (member instanceof TypeDeclaration<?> nested) {
                collect(file, nested, undocumented);
            } else if (member instanceof NodeWithJavadoc<?> doc && doc.getJavadocComment().isEmpty()) {
                undocumented.add(file + ": " + type.getNameAsString() + "." + name(member));
            }
        }
    }

    private static boolean shown(BodyDeclaration<?> member, boolean inInterface, boolean extendable) {
        if (!(member instanceof NodeWithModifiers<?> m)) {
            return false;
        }
        return m.hasModifier(Modifier.Keyword.PUBLIC) || inInterface && !m.hasModifier(Modifier.Keyword.PRIVATE)
                || extendable && m.hasModifier(Modifier.Keyword.PROTECTED);
    }

    private static String name(BodyDeclaration<?> member) {
        if (member instanceof FieldDeclaration f) {
            return f.getVariable(0).getNameAsString();
        }
        return member.isCallableDeclaration() ? member.asCallableDeclaration().getDeclarationAsString(false, false, false)
                : member.toString().lines().findFirst().orElse("");
    }
}
