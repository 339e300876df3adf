package org.mailtriage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.mailtriage.testing.ProjectFiles;

/**
 * The packages follow the data: a package may use the packages before it in {@link #LAYERS}, never one after it
 * (a back-edge), and every package of the main sources has its place in the list (a sub-package, such as
 * {@code ingest.bounce}, belongs to its parent). cli and jobs wire the others.
 */
class PackageLayersTest {
    static final List<String> LAYERS = List.of("model", "ingest", "classify", "dns", "report", "warehouse", "jobs", "cli");
    private static final Path MAIN_SOURCES = ProjectFiles.resolve("jobs/src/main/java/org/mailtriage");
    private static final Pattern PACKAGE = Pattern.compile("^package org\\.mailtriage\\.(\\w+)", Pattern.MULTILINE);
    // Any use by name, import or fully qualified in code: comments and string literals are removed first.
    private static final Pattern REFERENCE = Pattern.compile("\\borg\\.mailtriage\\.(\\w+)\\.");

    @Test
    void mainSourcesHaveNoBackEdgeAndNoUnplacedPackage() throws IOException {
        List<String> violations = new ArrayList<>();
        List<Path> sources;
        try (Stream<Path> files = Files.walk(MAIN_SOURCES)) {
            sources = files.filter(path -> path.toString().endsWith(".java")).sorted().toList();
        }
        for (Path file : sources) {
            violations.addAll(violations(MAIN_SOURCES.relativize(file).toString(), Files.readString(file, StandardCharsets.UTF_8)));
        }
        assertThat(sources).as("main sources found").hasSizeGreaterThan(100);
        assertThat(violations).isEmpty();
    }

    @Test
    void findsABackEdgeAnUnplacedPackageAndAFullyQualifiedUse() {
        assertThat(violations("ingest/Parser.java", "package org.mailtriage.ingest;\nimport org.mailtriage.classify.Classifier;\n"))
                .containsExactly("ingest/Parser.java: ingest uses classify, a later layer");
        assertThat(violations("util/Strings.java", "package org.mailtriage.util;\n"))
                .containsExactly("util/Strings.java: package util is not in PackageLayersTest.LAYERS");
        assertThat(violations("dns/Checker.java", "package org.mailtriage.dns;\nclass C { org.mailtriage.warehouse.Rows rows; }\n"))
                .containsExactly("dns/Checker.java: dns uses warehouse, a later layer");
        assertThat(violations("report/Letter.java", "package org.mailtriage.report;\n// see org.mailtriage.jobs.ReportJob\n"
                + "import org.mailtriage.dns.DnsAnswer;\nimport org.mailtriage.model.Reason;\nclass L { String s = \"org.mailtriage.cli.Main\"; }\n"))
                .isEmpty();
    }

    private static List<String> violations(String file, String source) {
        List<String> violations = new ArrayList<>();
        Matcher declared = PACKAGE.matcher(source);
        if (!declared.find()) {
            return List.of(file + ": no org.mailtriage package");
        }
        String own = declared.group(1);
        int ownLayer = LAYERS.indexOf(own);
        if (ownLayer < 0) {
            return List.of(file + ": package " + own + " is not in PackageLayersTest.LAYERS");
        }
        String code = withoutCommentsAndLiterals(source.substring(declared.end()));
        Matcher reference = REFERENCE.matcher(code);
        while (reference.find()) {
            String used = reference.group(1);
            int usedLayer = LAYERS.indexOf(used);
            String violation = usedLayer < 0 ? file + ": " + own + " uses " + used + ", which is not in PackageLayersTest.LAYERS"
                    : usedLayer > ownLayer ? file + ": " + own + " uses " + used + ", a later layer" : null;
            if (violation != null && !violations.contains(violation)) {
                violations.add(violation);
            }
        }
        return violations;
    }

    /** The code with comments, string and character literals (text blocks too) blanked out. */
    static String withoutCommentsAndLiterals(String source) {
        StringBuilder code = new StringBuilder(source.length());
        int index = 0;
        while (index < source.length()) {
            int end;
            if (source.startsWith("//", index)) {
                end = source.indexOf('\n', index);
            } else if (source.startsWith("/*", index)) {
                end = indexAfter(source, "*/", index + 2);
            } else if (source.startsWith("\"\"\"", index)) {
                end = indexAfter(source, "\"\"\"", index + 3);
            } else if (source.charAt(index) == '"' || source.charAt(index) == '\'') {
                end = endOfLiteral(source, index);
            } else {
                code.append(source.charAt(index++));
                continue;
            }
            index = end < 0 ? source.length() : end;
            code.append(' ');
        }
        return code.toString();
    }

    private static int indexAfter(String source, String closing, int from) {
        int found = source.indexOf(closing, from);
        return found < 0 ? -1 : found + closing.length();
    }

    private static int endOfLiteral(String source, int start) {
        char quote = source.charAt(start);
        for (int index = start + 1; index < source.length(); index++) {
            char character = source.charAt(index);
            if (character == '\\') {
                index++;
            } else if (character == quote) {
                return index + 1;
            }
        }
        return -1;
    }
}
