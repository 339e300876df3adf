package org.mailtriage.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailtriage.testing.SharedSpark;

class ProgressTest {
    @TempDir
    Path folder;

    @Test
    void measuresFilesAndBytesOfDirectoriesGlobsAndFiles() throws IOException {
        Files.createDirectories(folder.resolve("logs/old"));
        Files.writeString(folder.resolve("logs/mail.log"), "x".repeat(100));
        Files.writeString(folder.resolve("logs/old/mail.log.1"), "x".repeat(50));
        Files.writeString(folder.resolve("bounce.eml"), "x".repeat(7));
        Configuration configuration = new Configuration();
        assertThat(Progress.measure(configuration, List.of(folder.resolve("logs").toString(), folder.resolve("*.eml").toString())))
                .isEqualTo(new Progress.InputSize(3, 157));
        // A missing input counts nothing: the job reports it, not the progress line.
        assertThat(Progress.measure(configuration, List.of(folder.resolve("missing").toString()))).isEqualTo(new Progress.InputSize(0, 0));
    }

    @Test
    void printsLinesWhileTheRunLastsAndNothingWhenOff() throws Exception {
        Files.writeString(folder.resolve("mail.log"), "x".repeat(1000));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        try (Progress progress = Progress.start(SharedSpark.session(), List.of(folder.toString()), Duration.ofMillis(100), out)) {
            Thread.sleep(450);
        }
        String lines = printed.toString(StandardCharsets.UTF_8);
        assertThat(lines.lines().count()).isGreaterThanOrEqualTo(2);
        assertThat(lines).startsWith("progress 00:00:").contains("input 1 file, 0.0 MB; read ");
        ByteArrayOutputStream none = new ByteArrayOutputStream();
        try (Progress progress = Progress.start(SharedSpark.session(), List.of(folder.toString()), Duration.ZERO,
                new PrintStream(none, true, StandardCharsets.UTF_8))) {
            Thread.sleep(150);
        }
        assertThat(none.size()).isZero();
    }
}
