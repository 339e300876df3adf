package org.mailtriage.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The crash tests' pause reaches production code only through a listener found on the class path. */
class RunPointsTest {
    @Test
    void theTestListenerOnTheClassPathIsToldOfTheNamedPointOnly() {
        String printed = printedWhilePausingAt("staged:events:0", () -> {
            RunPoints.reached(RunPoints.swapping("events"));
            RunPoints.reached(RunPoints.staged("events"));
        });
        assertThat(printed).isEqualTo("mailtriage: paused at staged:events for 0 s (MAILTRIAGE_PAUSE_AT)\n");
    }

    @Test
    void withoutASettingNothingPauses() {
        assertThat(printedWhilePausingAt(null, () -> RunPoints.reached(RunPoints.DNS_TASK))).isEmpty();
    }

    private static String printedWhilePausingAt(String setting, Runnable run) {
        PrintStream standardError = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        if (setting != null) {
            System.setProperty("mailtriage.pauseAt", setting);
        }
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            run.run();
        } finally {
            System.setErr(standardError);
            System.clearProperty("mailtriage.pauseAt");
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
