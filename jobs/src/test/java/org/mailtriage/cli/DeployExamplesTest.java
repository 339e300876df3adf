package org.mailtriage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.mailtriage.testing.ProjectFiles;
import picocli.CommandLine;

/** The shipped scheduling examples call nightly with options it accepts (so they cannot drift from the CLI). */
class DeployExamplesTest {
    private static final Path DEPLOY = ProjectFiles.resolve("deploy");

    @Test
    void crontabLineParses() throws IOException {
        String line = Files.readAllLines(DEPLOY.resolve("cron/mailtriage.crontab"), StandardCharsets.UTF_8).stream()
                .filter(text -> text.contains("./mailtriage nightly")).findFirst().orElseThrow();
        assertThat(line).startsWith("15 2 * * * ");
        String command = line.substring(line.indexOf("nightly"), line.indexOf(" >>"));
        assertNightlyParses(Arrays.asList(command.split(" ")));
    }

    @Test
    void systemdServiceParsesAndTheTimerNamesIt() throws IOException {
        String service = Files.readString(DEPLOY.resolve("systemd/mailtriage-nightly.service"), StandardCharsets.UTF_8);
        Matcher exec = Pattern.compile("(?m)^ExecStart=\\S+ (nightly .*)$").matcher(service);
        assertThat(exec.find()).isTrue();
        assertNightlyParses(Arrays.asList(exec.group(1).split(" ")));
        assertThat(service).contains("Type=oneshot");
        assertThat(Files.readString(DEPLOY.resolve("systemd/mailtriage-nightly.timer"), StandardCharsets.UTF_8))
                .contains("OnCalendar=").contains("Persistent=true").contains("WantedBy=timers.target");
    }

    @Test
    void airflowDagArgumentsParse() throws IOException {
        String dag = Files.readString(DEPLOY.resolve("airflow/mailtriage_nightly_dag.py"), StandardCharsets.UTF_8);
        assertThat(dag).contains("SparkSubmitOperator(").contains("java_class=\"org.mailtriage.cli.Main\"");
        String block = dag.substring(dag.indexOf("application_args=["), dag.indexOf("],", dag.indexOf("application_args=[")));
        List<String> arguments = new ArrayList<>();
        Matcher quoted = Pattern.compile("\"([^\"]*)\"").matcher(block);
        while (quoted.find()) {
            arguments.add(quoted.group(1).replace("{{ ds }}", "2026-11-26"));
        }
        assertThat(arguments).startsWith("nightly", "--date", "2026-11-26");
        assertNightlyParses(arguments);
    }

    private static void assertNightlyParses(List<String> arguments) {
        CommandLine.ParseResult result = new CommandLine(new Main()).parseArgs(arguments.toArray(String[]::new));
        assertThat(result.subcommand()).isNotNull();
        assertThat(result.subcommand().commandSpec().name()).isEqualTo("nightly");
        assertThat(result.subcommand().hasMatchedOption("--warehouse")).isTrue();
        assertThat(result.subcommand().hasMatchedOption("--fail-on-new-listing")).isTrue();
    }
}
