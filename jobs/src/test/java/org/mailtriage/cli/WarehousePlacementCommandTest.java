package org.mailtriage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailtriage.testing.SharedSpark;

/** ingest and nightly refuse a warehouse inside an input path, or an input inside the warehouse, however the paths are spelled. */
class WarehousePlacementCommandTest {
    @TempDir
    Path temp;
    private Path logs;

    @BeforeEach
    void logs() throws IOException {
        SharedSpark.session();
        logs = Files.createDirectories(temp.resolve("logs"));
        Files.writeString(logs.resolve("mail.log"), "Nov 27 10:00:00 mx1 postfix/smtp[1]: ABC: to=<a@example.com>, status=sent\n");
    }

    @Test
    void warehouseInsideTheInputDirectory() {
        assertRefused(List.of(logs.toString()), logs.resolve("warehouse").toString(), "warehouse " + logs.resolve("warehouse") + " is inside input " + logs);
    }

    @Test
    void warehouseIsTheInputDirectory() {
        assertRefused(List.of(logs.toString()), logs + "/", "is inside input");
    }

    @Test
    void inputInsideTheWarehouse() throws IOException {
        Path warehouse = Files.createDirectories(temp.resolve("warehouse"));
        Path inside = Files.createDirectories(warehouse.resolve("incoming"));
        Files.copy(logs.resolve("mail.log"), inside.resolve("mail.log"));
        assertRefused(List.of(inside.toString()), warehouse.toString(), "input " + inside + " is inside warehouse " + warehouse);
    }

    @Test
    void warehouseReachedThroughASymlinkIntoTheInput() throws IOException {
        Path link = Files.createSymbolicLink(temp.resolve("link"), logs);
        assertRefused(List.of(logs.toString()), link.resolve("warehouse").toString(), "is inside input");
    }

    @Test
    void inputReachedThroughASymlinkIntoTheWarehouse() throws IOException {
        Path warehouse = Files.createDirectories(temp.resolve("warehouse"));
        Path inside = Files.createDirectories(warehouse.resolve("incoming"));
        Files.copy(logs.resolve("mail.log"), inside.resolve("mail.log"));
        Path link = Files.createSymbolicLink(temp.resolve("incoming-link"), inside);
        assertRefused(List.of(link.toString()), warehouse.toString(), "is inside warehouse");
    }

    @Test
    void relativeAndDotDotPaths() {
        Path here = Path.of("").toAbsolutePath();
        String relativeInput = here.relativize(logs).toString();
        String dotDotWarehouse = temp.resolve("elsewhere/../logs/warehouse").toString();
        assertRefused(List.of(relativeInput), dotDotWarehouse, "is inside input");
    }

    @Test
    void aGlobInputCountsFromItsDirectory() {
        assertRefused(List.of(logs + "/*.log"), logs.resolve("warehouse").toString(), "is inside input");
    }

    @Test
    void oneOfSeveralInputs() throws IOException {
        Path other = Files.createDirectories(temp.resolve("other"));
        assertRefused(List.of(other.toString(), logs.resolve("mail.log").toString(), logs.toString()), logs.resolve("w").toString(), "is inside input");
    }

    private void assertRefused(List<String> inputs, String warehouse, String expected) {
        for (String command : List.of("ingest", "nightly")) {
            List<String> args = new ArrayList<>(List.of(command));
            if (command.equals("nightly")) {
                args.addAll(List.of("--date", "2026-11-27", "--no-dns"));
            }
            args.add("--input");
            args.addAll(inputs);
            args.addAll(List.of("--warehouse", warehouse));
            CommandLineTest.Run run = CommandLineTest.run(args.toArray(String[]::new));
            assertThat(run.exitCode()).as(command + " " + args).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(run.err().strip()).as(command).startsWith("mailtriage: ").contains(expected).doesNotContain("\n").doesNotContain("Exception");
            assertThat(Path.of(warehouse.replace("/*.log", ""))).as("nothing written for " + command)
                    .satisfiesAnyOf(path -> assertThat(path).doesNotExist(), path -> assertThat(path.resolve("events")).doesNotExist());
        }
    }
}
