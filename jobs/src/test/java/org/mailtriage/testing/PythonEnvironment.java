package org.mailtriage.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The Python the Python tests and notebooks run on: {@code MAILTRIAGE_PYTHON}, else python/.venv (made by
 * python/install.sh, which .ci/run runs). It must import every package in python/requirements.txt.
 */
public final class PythonEnvironment {
    private static final String IMPORTS = "import duckdb, pyarrow, pandas, polars, matplotlib, ipykernel, pytest, pytz";

    private PythonEnvironment() {
    }

    /** The interpreter, or a failed (under CI) / skipped test saying what is missing. */
    public static Path requirePython() {
        String configured = System.getenv("MAILTRIAGE_PYTHON");
        Path python = configured != null && !configured.isEmpty() ? Path.of(configured) : ProjectFiles.resolve("python/.venv/bin/python");
        RequiredComponent.require(Files.isExecutable(python) && imports(python),
                "a Python with DuckDB, pyarrow, pandas, polars, matplotlib, ipykernel and pytest at " + python + " (python/install.sh)");
        return python;
    }

    private static boolean imports(Path python) {
        try {
            Process process = new ProcessBuilder(python.toString(), "-c", IMPORTS).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                return false;
            }
            return process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
