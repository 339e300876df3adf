package org.mailtriage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.mailtriage.testing.ProjectFiles;

class EvalCommandTest {
    @Test
    void printsTheThreeAgreementsAndTheDisagreements() {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            code = Main.execute("eval", "--corpus", ProjectFiles.shared().resolve("corpus/sisimai").toString());
        } finally {
            System.setOut(original);
        }
        String output = captured.toString(StandardCharsets.UTF_8);
        assertThat(code).isEqualTo(ExitCodes.OK);
        assertThat(output).contains("emails 318, expected bounces 335").containsPattern("reason +\\d+\\.\\d\\d %")
                .containsPattern("status +\\d+\\.\\d\\d %").containsPattern("reply code +\\d+\\.\\d\\d %")
                .containsPattern("\\.eml #\\d+ +reason [a-z]+/");
    }

    @Test
    void aMissingCorpusIsBadInput() {
        assertThat(Main.execute("eval", "--corpus", "/nonexistent/corpus")).isEqualTo(ExitCodes.BAD_INPUT);
    }
}
