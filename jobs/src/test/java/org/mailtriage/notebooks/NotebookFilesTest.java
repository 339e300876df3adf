package org.mailtriage.notebooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mailtriage.testing.ProjectFiles;

/**
 * The committed notebooks (Java ones in notebooks/, Python ones in notebooks/python/): no outputs and no execution counts (diffs stay readable; NotebooksIT
 * produces the outputs), the project's Java kernel, and the layout every notebook follows.
 */
class NotebookFilesTest {
    static Stream<Path> notebooks() throws IOException {
        List<Path> found = new ArrayList<>();
        for (String directory : List.of("notebooks", "notebooks/python")) {
            try (Stream<Path> files = Files.list(ProjectFiles.resolve(directory))) {
                files.filter(file -> file.toString().endsWith(".ipynb")).sorted().forEach(found::add);
            }
        }
        return found.stream();
    }

    @Test
    void theThreeJavaNotebooksAndTheirPythonTwinsExist() throws IOException {
        assertThat(notebooks().map(file -> ProjectFiles.root().relativize(file).toString()))
                .contains("notebooks/todays-fixes.ipynb", "notebooks/failure-trends.ipynb", "notebooks/one-server.ipynb",
                        "notebooks/python/todays-fixes.ipynb", "notebooks/python/failure-trends.ipynb");
    }

    @ParameterizedTest
    @MethodSource("notebooks")
    void isCommittedWithoutOutputs(Path notebook) throws IOException {
        JsonNode root = new ObjectMapper().readTree(notebook.toFile());
        List<String> problems = new ArrayList<>();
        int index = 0;
        for (JsonNode cell : root.path("cells")) {
            if (cell.has("outputs") && !cell.path("outputs").isEmpty()) {
                problems.add("cell " + index + " has outputs");
            }
            if (cell.has("execution_count") && !cell.path("execution_count").isNull()) {
                problems.add("cell " + index + " has execution_count " + cell.path("execution_count"));
            }
            index++;
        }
        assertThat(problems).as("%s: clear outputs before committing (Jupyter: Edit > Clear All Outputs)", notebook.getFileName())
                .isEmpty();
    }

    @ParameterizedTest
    @MethodSource("notebooks")
    void startsWithWhatItShowsThenWhereTheWarehouseIs(Path notebook) throws IOException {
        JsonNode root = new ObjectMapper().readTree(notebook.toFile());
        boolean python = notebook.getParent().getFileName().toString().equals("python");
        assertThat(root.path("metadata").path("kernelspec").path("name").asText()).isEqualTo(python ? "mailtriage-python" : "mailtriage-java");
        JsonNode cells = root.path("cells");
        assertThat(cells.get(0).path("cell_type").asText()).as("first cell: what the notebook shows").isEqualTo("markdown");
        assertThat(cells.get(1).path("cell_type").asText()).isEqualTo("code");
        assertThat(source(cells.get(1))).as("second cell: where the warehouse is").contains(python
                ? "warehouse = os.environ.get(\"MAILTRIAGE_WAREHOUSE\", \"../../warehouse\")"
                : "String warehouse = System.getenv().getOrDefault(\"MAILTRIAGE_WAREHOUSE\", \"../warehouse\");");
    }

    private static String source(JsonNode cell) {
        JsonNode source = cell.path("source");
        if (source.isArray()) {
            StringBuilder text = new StringBuilder();
            source.forEach(line -> text.append(line.asText()));
            return text.toString();
        }
        return source.asText();
    }
}
