package org.mailtriage.python;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.mailtriage.testing.ProjectFiles;
import org.mailtriage.testing.PythonEnvironment;
import org.mailtriage.testing.SampleWarehouse;

/**
 * Runs the pytest suite in python/tests (DuckDB, pyarrow, pandas and polars reading every table; README's
 * Python and DuckDB snippets run from README's text; the Python inert-text function against the shared
 * hostile-text cases) on the sample warehouse. pytest's own output is kept in jobs/target/pytest.log.
 */
class PythonReadersIT {
    @Test
    void pytestPassesOnTheSampleWarehouse() throws Exception {
        Path python = PythonEnvironment.requirePython();
        Path warehouse = SampleWarehouse.path();
        Path log = ProjectFiles.resolve("jobs/target/pytest.log");
        ProcessBuilder builder = new ProcessBuilder(python.toString(), "-m", "pytest", "-p", "no:cacheprovider", "-ra", "python/tests")
                .directory(ProjectFiles.root().toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("MAILTRIAGE_WAREHOUSE", warehouse.toString());
        builder.environment().put("MPLBACKEND", "Agg");
        Process process = builder.start();
        boolean finished = process.waitFor(10, TimeUnit.MINUTES);
        if (!finished) {
            process.destroyForcibly();
        }
        String output = Files.readString(log);
        System.out.println(output);
        assertThat(finished).as("pytest finished within 10 minutes").isTrue();
        assertThat(process.exitValue()).as("pytest exit code; its output:%n%s", output).isZero();
        // Every test ran: nothing skipped, and the summary line counts passed tests.
        assertThat(output).containsPattern("\\d+ passed").doesNotContainPattern("\\d+ skipped");
    }
}
