package org.mailtriage.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.mailtriage.cli.Main;

/**
 * The warehouse README's main command writes, for two days (2026-11-25, then 2026-11-26), built once per
 * test JVM in jobs/target/sample-warehouse and shared by the tests that read it from outside (the
 * notebooks, the Python readers): the nightly job is the slow part, the readers take seconds.
 */
public final class SampleWarehouse {
    public static final List<String> DATES = List.of("2026-11-25", "2026-11-26");
    private static Path built;

    private SampleWarehouse() {
    }

    public static synchronized Path path() {
        if (built == null) {
            Path folder = ProjectFiles.resolve("jobs/target/sample-warehouse");
            deleteRecursively(folder);
            SharedSpark.session();
            for (String date : DATES) {
                // The nightly job as README runs it, DNS answers from the sample fixture (no network).
                int exit = Main.execute("nightly", "--date", date, "--input", ProjectFiles.resolve("data-samples/logs").toString(),
                        ProjectFiles.resolve("data-samples/bounces").toString(),
                        "--servers", ProjectFiles.resolve("data-samples/servers.csv").toString(),
                        "--dns-fixture", ProjectFiles.resolve("data-samples/dns/fixture.zone").toString(), "--warehouse", folder.toString());
                assertThat(exit).as("nightly %s", date).isZero();
            }
            built = folder;
        }
        return built;
    }

    private static void deleteRecursively(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
