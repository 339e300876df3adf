package org.mailtriage.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs {@code bench/run.sh --smoke} (a few MB of log of each shape, 300 bounces, 2,000 DNS questions, one nightly on
 * data-samples, one run each) so the
 * benchmark script cannot rot: it fails when a tool fails, when mailtriage's counts do not balance or yield
 * no events, or when the resolver finds the wrong number of listed IPs. Asserts no timings.
 */
class BenchSmokeIT {
    private static final Path ROOT = Path.of(System.getProperty("mailtriage.projectRoot", "..")).toAbsolutePath().normalize();

    @Test
    void smokeRunOfTheBenchmarkScriptPasses() throws IOException, InterruptedException {
        for (String[] tool : List.of(new String[] {"pflogsumm", "pflogsumm"}, new String[] {"time", "time"})) {
            require(tool[0], tool[1]);
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root) {
            // The DNS section runs only as root (port 53); then its tools are needed too.
            require("rbldnsd", "rbldnsd");
            require("adnshost", "adns-tools");
            require("python3", "python3");
        }
        Path work = Path.of(System.getProperty("mailtriage.benchWork", "target/bench-smoke"));
        Files.createDirectories(work);
        Path output = work.resolve("smoke.md");
        Path errors = work.resolve("smoke.err");
        Process process = new ProcessBuilder("bash", ROOT.resolve("bench/run.sh").toString(), "--smoke", "--work", work.toString())
                .directory(ROOT.toFile())
                .redirectOutput(output.toFile())
                .redirectError(errors.toFile())
                .start();
        if (!process.waitFor(20, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail("bench/run.sh --smoke did not finish in 20 minutes; see " + errors);
        }
        String markdown = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as("exit code; stdout:%n%s%nstderr tail:%n%s", markdown, tail(errors)).isZero();
        assertThat(markdown).doesNotContain("FAILED");
        for (String shape : List.of("wide", "realistic")) {
            assertThat(markdown).contains("| 4 MB " + shape + " | mailtriage |", "| 4 MB " + shape + " | pflogsumm |",
                    "| 4 MB " + shape + " | grep |", "| 4 MB " + shape + " | cat |", "**Linearity (mailtriage ingest, " + shape);
        }
        assertThat(markdown).contains("| 300 emails", "#### nightly on data-samples/");
        // One measured nightly on data-samples: wall, CPU-s, RSS and the run's own timing line.
        assertThat(markdown).containsPattern("\\| 1 \\| [0-9.]+ \\| [0-9.]+ \\| [0-9]+ \\| Time: [0-9.]+ s = JVM start");
        assertThat(markdown).containsPattern("\\| 300 emails \\([0-9.]+ MB\\) \\| mailtriage \\|");
        if (root) {
            assertThat(markdown).containsPattern("\\| mailtriage \\| window 64 \\| [0-9]+ \\|");
            assertThat(markdown).containsPattern("\\| adnshost \\| batches of 150 \\|");
        } else {
            assertThat(markdown).contains("DNS section skipped");
        }
    }

    /** Like the jobs module's RequiredComponent: under CI=true a missing tool fails, elsewhere the test is skipped visibly. */
    private static void require(String executable, String debianPackage) {
        String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/usr/bin:/sbin";
        for (String directory : path.split(":")) {
            if (!directory.isEmpty() && Files.isExecutable(Path.of(directory, executable))) {
                return;
            }
        }
        String what = executable + " (Debian package " + debianPackage + ")";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(what + " is required under CI=true but missing (.ci/run installs it)");
        }
        assumeTrue(false, what + " is missing: test skipped outside CI");
    }

    private static String tail(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }
}
