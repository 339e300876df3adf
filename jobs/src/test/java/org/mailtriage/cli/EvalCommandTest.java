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
    void foldsPrintInSampleAndHeldOutSideBySide() {
        String output = capture("eval", "--corpus", ProjectFiles.shared().resolve("corpus/sisimai").toString(), "--folds", "5", "--quiet");
        assertThat(output).containsPattern("fold 1: +\\d+ bounces, +\\d+ families, +\\d+ rules left out, held-out reason +\\d+\\.\\d\\d %")
                .contains("in-sample   held-out (5 folds by family")
                .containsPattern("reason +\\d+\\.\\d\\d % +\\d+\\.\\d\\d %");
        assertThat(Main.execute("eval", "--corpus", ProjectFiles.shared().resolve("corpus/sisimai").toString(), "--folds", "1"))
                .isEqualTo(ExitCodes.BAD_INPUT);
    }

    @Test
    void decodePrintsOneLinePerRecipientWithTheLayerThatDecided() {
        String output = capture("decode", ProjectFiles.shared().resolve("corpus/sisimai/emails/lhost-postfix-13.eml").toString());
        assertThat(output.lines()).hasSize(3);
        assertThat(output.lines().skip(1).findFirst().orElseThrow().split("\t")).contains("kijitora@example.jp", "5.2.1", "550");
    }

    private static String capture(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            assertThat(Main.execute(args)).isEqualTo(ExitCodes.OK);
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aMissingCorpusIsBadInput() {
        assertThat(Main.execute("eval", "--corpus", "/nonexistent/corpus")).isEqualTo(ExitCodes.BAD_INPUT);
    }
}
