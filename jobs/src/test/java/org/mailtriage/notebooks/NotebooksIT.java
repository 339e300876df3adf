package org.mailtriage.notebooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mailtriage.cli.Main;
import org.mailtriage.testing.ProjectFiles;
import org.mailtriage.testing.RequiredComponent;
import org.mailtriage.testing.SharedSpark;

/**
 * Executes every notebook in notebooks/ headless (jupyter nbconvert, the Java kernel that
 * notebooks/install-kernel.sh installs) against a warehouse built by the nightly job from
 * data-samples/ for two days, and checks that no cell failed and that each drew a PNG chart. The
 * executed notebooks stay in jobs/target/executed-notebooks/.
 */
class NotebooksIT {
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @TempDir
    static Path folder;
    private static Path jupyterPath;
    private static Path warehouse;

    @BeforeAll
    static void buildWarehouseAndKernel() throws Exception {
        RequiredComponent.requireExecutable("jupyter", "jupyter-core");
        RequiredComponent.require(run(folder.resolve("nbconvert-version.log"), null, "jupyter", "nbconvert", "--version") == 0,
                "jupyter nbconvert (Debian packages jupyter-nbconvert, python3-nbclient, jupyter-client)");
        Path installLog = folder.resolve("install-kernel.log");
        RequiredComponent.require(run(installLog, null, ProjectFiles.resolve("notebooks/install-kernel.sh").toString()) == 0,
                "the notebook kernel (notebooks/install-kernel.sh, from Maven Central): " + Files.readString(installLog));
        jupyterPath = ProjectFiles.resolve("notebooks/.kernel/jupyter");

        warehouse = folder.resolve("warehouse");
        // The nightly job as README runs it, DNS answers from the sample fixture (no network).
        SharedSpark.session();
        for (String date : List.of("2026-11-25", "2026-11-26")) {
            int exit = Main.execute("nightly", "--date", date, "--input", ProjectFiles.resolve("data-samples/logs").toString(),
                    ProjectFiles.resolve("data-samples/bounces").toString(),
                    "--servers", ProjectFiles.resolve("data-samples/servers.csv").toString(),
                    "--dns-fixture", ProjectFiles.resolve("data-samples/dns/fixture.zone").toString(), "--warehouse", warehouse.toString());
            assertThat(exit).as("nightly %s", date).isZero();
        }
    }

    static Stream<Path> notebooks() throws IOException {
        try (Stream<Path> files = Files.list(ProjectFiles.resolve("notebooks"))) {
            List<Path> found = files.filter(file -> file.toString().endsWith(".ipynb")).sorted().toList();
            assertThat(found).as("notebooks in notebooks/").hasSizeGreaterThanOrEqualTo(3);
            return found.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("notebooks")
    void runsWithoutErrorsAndDrawsItsCharts(Path notebook) throws Exception {
        String name = notebook.getFileName().toString();
        // Kept after the build (with each run's log) to read what the notebooks showed.
        Path executedFolder = Files.createDirectories(ProjectFiles.resolve("jobs/target/executed-notebooks"));
        Path log = executedFolder.resolve(name + ".log");
        int exit;
        String logText;
        int attempt = 0;
        do {
            exit = run(log, notebook.getParent(), "jupyter", "nbconvert", "--to", "notebook", "--execute",
                    "--ExecutePreprocessor.timeout=900", "--ExecutePreprocessor.startup_timeout=180",
                    "--output-dir", executedFolder.toString(), notebook.toString());
            logText = Files.readString(log);
            attempt++;
            // Now and then the kernel misses Jupyter's first kernel_info requests and never answers, or exits
            // before answering (no cell has run then): start it again.
        } while (exit != 0 && kernelNeverStarted(logText) && attempt < 3);
        assertThat(exit).as("jupyter nbconvert --execute %s:%n%s", name, tail(logText)).isZero();

        JsonNode executed = new ObjectMapper().readTree(executedFolder.resolve(name).toFile());
        List<String> errors = new ArrayList<>();
        List<byte[]> images = new ArrayList<>();
        for (JsonNode cell : executed.path("cells")) {
            for (JsonNode output : cell.path("outputs")) {
                if ("error".equals(output.path("output_type").asText())) {
                    errors.add(output.path("ename").asText() + ": " + output.path("evalue").asText());
                }
                JsonNode png = output.path("data").path("image/png");
                if (png.isTextual()) {
                    images.add(Base64.getMimeDecoder().decode(png.asText()));
                }
            }
        }
        assertThat(errors).as("cell errors in %s", name).isEmpty();
        assertThat(images).as("PNG charts in %s", name).isNotEmpty();
        for (byte[] image : images) {
            assertThat(Arrays.copyOf(image, PNG_SIGNATURE.length)).as("PNG signature").isEqualTo(PNG_SIGNATURE);
            assertThat(image.length).as("a chart, not an empty image").isGreaterThan(2_000);
        }
    }

    private static int run(Path log, Path directory, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        if (jupyterPath != null) {
            builder.environment().put("JUPYTER_PATH", jupyterPath.toString());
            builder.environment().put("MAILTRIAGE_WAREHOUSE", warehouse.toString());
        }
        Process process = builder.start();
        if (!process.waitFor(20, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }

    private static boolean kernelNeverStarted(String log) {
        return log.contains("Kernel didn't respond") || log.contains("Kernel died before replying to kernel_info");
    }

    private static String tail(String text) {
        return text.length() <= 6_000 ? text : text.substring(text.length() - 6_000);
    }

}
