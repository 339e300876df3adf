package org.mailtriage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.mailtriage.testing.ProjectFiles;

/** Spark's Java 17 flags are written once (conf/java17.flags); pom.xml holds the same list, scripts read the file. */
class Java17FlagsTest {
    private static final Path FLAGS = ProjectFiles.resolve("conf/java17.flags");

    private static List<String> fileFlags() throws IOException {
        return Files.readAllLines(FLAGS, StandardCharsets.UTF_8).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#")).map(String::strip).toList();
    }

    @Test
    void pomPropertyHoldsTheSameFlagsInTheSameOrder() throws IOException {
        String pom = Files.readString(ProjectFiles.resolve("pom.xml"), StandardCharsets.UTF_8);
        Matcher property = Pattern.compile("<spark\\.java17\\.flags>([^<]*)</spark\\.java17\\.flags>").matcher(pom);
        assertThat(property.find()).isTrue();
        assertThat(Arrays.asList(property.group(1).strip().split("\\s+"))).isEqualTo(fileFlags());
        assertThat(fileFlags()).contains("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "-XX:+IgnoreUnrecognizedVMOptions");
    }

    @Test
    void scriptsThatStartAJvmReadTheFileInsteadOfACopy() throws IOException {
        for (String script : List.of("mailtriage", "bench/digest.sh", "notebooks/install-kernel.sh")) {
            String text = Files.readString(ProjectFiles.resolve(script), StandardCharsets.UTF_8);
            assertThat(text).as(script).contains("conf/java17.flags").doesNotContain("--add-opens=");
        }
        // No other tracked script spells the list out again.
        try (Stream<Path> files = Stream.of("bench", "notebooks", "deploy", "tools").map(ProjectFiles::resolve)
                .filter(Files::isDirectory).flatMap(Java17FlagsTest::walk)) {
            List<Path> copies = files.filter(file -> file.toString().endsWith(".sh"))
                    .filter(file -> read(file).contains("--add-opens=java.base/sun.nio.ch")).toList();
            assertThat(copies).isEmpty();
        }
    }

    private static Stream<Path> walk(Path directory) {
        try {
            return Files.walk(directory).filter(path -> !path.toString().contains("/.") && !path.toString().contains("/target/"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
