package org.mailtriage.notebooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mailtriage.testing.ProjectFiles;
import org.mailtriage.testing.PythonEnvironment;
import org.mailtriage.testing.RequiredComponent;
import org.mailtriage.testing.SampleWarehouse;

/**
 * Executes every notebook in notebooks/ (Java kernel, notebooks/install-kernel.sh) and notebooks/python/ (Python
 * kernel, python/install.sh) headless with jupyter nbconvert against the sample warehouse (data-samples/ for two
 * days), and checks that no cell failed and that each drew a PNG chart. Also runs README's Java-kernel snippet
 * from README's text. The executed notebooks stay in jobs/target/executed-notebooks/.
 */
class NotebooksIT {
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final Pattern JAVA_SNIPPET = Pattern.compile("<!-- java-kernel-snippet -->\n```java\n(.*?)```", Pattern.DOTALL);
    /** Seconds Jupyter waits for a new kernel's kernel_info reply (the Java kernel answers within ~20 s on a busy machine). */
    private static final int STARTUP_TIMEOUT = 90;
    private static final int ATTEMPTS = 3;
    /** Kernels started again because the first never answered: should stay 0 (see notebooks/kernel-fix/). */
    private static final AtomicInteger KERNEL_RESTARTS = new AtomicInteger();

    @TempDir
    static Path folder;
    private static Path jupyterPath;
    private static Path warehouse;

    @BeforeAll
    static void buildWarehouseAndKernels() throws Exception {
        RequiredComponent.requireExecutable("jupyter", "jupyter-core");
        RequiredComponent.require(run(folder.resolve("nbconvert-version.log"), null, "jupyter", "nbconvert", "--version") == 0,
                "jupyter nbconvert (Debian packages jupyter-nbconvert, python3-nbclient, jupyter-client)");
        Path installLog = folder.resolve("install-kernel.log");
        RequiredComponent.require(run(installLog, null, ProjectFiles.resolve("notebooks/install-kernel.sh").toString()) == 0,
                "the notebook kernel (notebooks/install-kernel.sh, from Maven Central): " + Files.readString(installLog));
        warehouse = SampleWarehouse.path();
        jupyterPath = ProjectFiles.resolve("notebooks/.kernel/jupyter");
    }

    @AfterAll
    static void reportKernelRestarts() {
        System.out.println("NotebooksIT: " + KERNEL_RESTARTS.get() + " kernel restart(s) after a kernel that never answered");
    }

    /**
     * The kernel spec puts notebooks/kernel-fix/'s LoopThread before the kernel jar: without it the kernel's shell thread
     * now and then ends at start and Jupyter waits out STARTUP_TIMEOUT (then NotebooksIT starts the kernel again).
     */
    @Test
    void javaKernelRunsWithTheLoopThreadFix() throws IOException {
        requireKernel("mailtriage-java");
        List<String> argv = new ArrayList<>();
        new ObjectMapper().readTree(jupyterPath.resolve("kernels/mailtriage-java/kernel.json").toFile()).path("argv")
                .forEach(arg -> argv.add(arg.asText()));
        int classPath = argv.indexOf("-cp");
        assertThat(classPath).as("kernel.json argv %s has -cp", argv).isPositive();
        String first = argv.get(classPath + 1).split(":")[0];
        assertThat(Path.of(first, "org/rapaio/jupyter/kernel/channels/LoopThread.class")).as("the fixed LoopThread first on %s", argv)
                .isRegularFile();
        assertThat(argv.get(classPath + 1)).contains("rapaio-jupyter-kernel");
    }

    static Stream<Path> notebooks() throws IOException {
        List<Path> found = new ArrayList<>();
        for (String directory : List.of("notebooks", "notebooks/python")) {
            try (Stream<Path> files = Files.list(ProjectFiles.resolve(directory))) {
                files.filter(file -> file.toString().endsWith(".ipynb")).sorted().forEach(found::add);
            }
        }
        assertThat(found).as("notebooks in notebooks/ and notebooks/python/").hasSizeGreaterThanOrEqualTo(5);
        return found.stream();
    }

    @ParameterizedTest
    @MethodSource("notebooks")
    void runsWithoutErrorsAndDrawsItsCharts(Path notebook) throws Exception {
        requireKernel(kernelOf(notebook));
        JsonNode executed = execute(notebook, notebook.getParent().getFileName() + "-" + notebook.getFileName());
        assertThat(errors(executed)).as("cell errors in %s", notebook).isEmpty();
        List<byte[]> images = images(executed);
        assertThat(images).as("PNG charts in %s", notebook).isNotEmpty();
        for (byte[] image : images) {
            assertThat(Arrays.copyOf(image, PNG_SIGNATURE.length)).as("PNG signature").isEqualTo(PNG_SIGNATURE);
            assertThat(image.length).as("a chart, not an empty image").isGreaterThan(2_000);
        }
        // Tables are HTML (not Spark's ASCII show()), and nothing of them is markup from outside text.
        List<String> tables = htmlOutputs(executed);
        assertThat(tables).as("HTML tables in %s", notebook).isNotEmpty();
        assertThat(String.join("\n", tables)).doesNotContain("+----", "<script", "<img");
    }

    /** README's Java-kernel snippet, from README's text, in a cell after the first four cells of todays-fixes.ipynb. */
    @Test
    void readmeJavaKernelSnippetRuns() throws Exception {
        requireKernel("mailtriage-java");
        Matcher snippet = JAVA_SNIPPET.matcher(Files.readString(ProjectFiles.resolve("README.md")));
        assertThat(snippet.find()).as("README has a java-kernel-snippet").isTrue();
        ObjectMapper json = new ObjectMapper();
        ObjectNode notebook = (ObjectNode) json.readTree(ProjectFiles.resolve("notebooks/todays-fixes.ipynb").toFile());
        ArrayNode cells = json.createArrayNode();
        for (int index = 0; index < 4; index++) {
            cells.add(notebook.path("cells").get(index));
        }
        ObjectNode cell = cells.addObject();
        cell.put("cell_type", "code").put("id", "readme-snippet").putNull("execution_count");
        cell.putObject("metadata");
        cell.putArray("outputs");
        cell.put("source", snippet.group(1));
        notebook.set("cells", cells);
        // Written beside the notebooks it borrows from, so that their relative %jars paths hold; removed after.
        Path generated = ProjectFiles.resolve("notebooks/readme-snippet-" + ProcessHandle.current().pid() + ".ipynb");
        JsonNode executed;
        try {
            json.writeValue(generated.toFile(), notebook);
            executed = execute(generated, "readme-java-kernel-snippet.ipynb");
        } finally {
            Files.deleteIfExists(generated);
        }
        assertThat(errors(executed)).as("cell errors in README's snippet").isEmpty();
        String answer = String.join("\n", htmlOutputs(executed));
        // Our most severe server on 2026-11-26 in data-samples/, with its fixes.
        assertThat(answer).contains("<td>192.0.2.10</td>", "request_delisting");
    }

    private static void requireKernel(String kernel) {
        // The Java kernel is installed above; the Python one by python/install.sh (.ci/run runs it).
        Path spec = jupyterPath.resolve("kernels").resolve(kernel).resolve("kernel.json");
        RequiredComponent.require(Files.exists(spec), "the Jupyter kernel " + kernel + " (python/install.sh)");
        if (kernel.equals("mailtriage-python")) {
            PythonEnvironment.requirePython();
        }
    }

    private static String kernelOf(Path notebook) throws IOException {
        return new ObjectMapper().readTree(notebook.toFile()).path("metadata").path("kernelspec").path("name").asText();
    }

    private static JsonNode execute(Path notebook, String outputName) throws Exception {
        // Kept after the build (with each run's log) to read what the notebooks showed.
        Path executedFolder = Files.createDirectories(ProjectFiles.resolve("jobs/target/executed-notebooks"));
        Path log = executedFolder.resolve(outputName + ".log");
        int exit;
        String logText;
        int attempt = 0;
        while (true) {
            long start = System.nanoTime();
            exit = run(log, notebook.getParent(), "jupyter", "nbconvert", "--to", "notebook", "--execute",
                    "--ExecutePreprocessor.timeout=900", "--ExecutePreprocessor.startup_timeout=" + STARTUP_TIMEOUT,
                    "--output-dir", executedFolder.toString(), "--output", outputName, notebook.toString());
            logText = Files.readString(log);
            attempt++;
            System.out.printf("NotebooksIT: %s attempt %d: exit %d in %d s%n", outputName, attempt, exit,
                    TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start));
            // A kernel that never answered kernel_info, or died before answering (no cell has run then), is started
            // again, counted and kept in the log; any other failure is the notebook's and fails below.
            if (exit == 0 || !kernelNeverStarted(logText) || attempt == ATTEMPTS) {
                break;
            }
            KERNEL_RESTARTS.incrementAndGet();
            Files.writeString(executedFolder.resolve(outputName + ".attempt-" + attempt + ".log"), logText);
            System.out.printf("NotebooksIT: %s: the kernel never answered (%s); starting it again%n", outputName,
                    logText.contains("Kernel died") ? "it died first" : "no kernel_info reply in " + STARTUP_TIMEOUT + " s");
        }
        assertThat(exit).as("jupyter nbconvert --execute %s:%n%s", notebook.getFileName(), tail(logText)).isZero();
        return new ObjectMapper().readTree(executedFolder.resolve(outputName).toFile());
    }

    private static List<String> errors(JsonNode executed) {
        List<String> errors = new ArrayList<>();
        for (JsonNode cell : executed.path("cells")) {
            for (JsonNode output : cell.path("outputs")) {
                if ("error".equals(output.path("output_type").asText())) {
                    errors.add(output.path("ename").asText() + ": " + output.path("evalue").asText());
                }
            }
        }
        return errors;
    }

    private static List<byte[]> images(JsonNode executed) {
        List<byte[]> images = new ArrayList<>();
        for (JsonNode cell : executed.path("cells")) {
            for (JsonNode output : cell.path("outputs")) {
                JsonNode png = output.path("data").path("image/png");
                if (png.isTextual()) {
                    images.add(Base64.getMimeDecoder().decode(png.asText()));
                }
            }
        }
        return images;
    }

    private static List<String> htmlOutputs(JsonNode executed) {
        List<String> tables = new ArrayList<>();
        for (JsonNode cell : executed.path("cells")) {
            for (JsonNode output : cell.path("outputs")) {
                JsonNode html = output.path("data").path("text/html");
                if (html.isArray()) {
                    StringBuilder text = new StringBuilder();
                    html.forEach(line -> text.append(line.asText()));
                    tables.add(text.toString());
                } else if (html.isTextual()) {
                    tables.add(html.asText());
                }
            }
        }
        return tables;
    }

    private static int run(Path log, Path directory, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        if (jupyterPath != null) {
            builder.environment().put("JUPYTER_PATH", jupyterPath.toString());
            builder.environment().put("MAILTRIAGE_WAREHOUSE", warehouse.toString());
            // The Python notebooks' charts: inline PNGs, no display needed.
            builder.environment().put("MPLBACKEND", "module://matplotlib_inline.backend_inline");
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
