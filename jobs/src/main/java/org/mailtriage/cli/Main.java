package org.mailtriage.cli;

import java.io.PrintWriter;
import org.mailtriage.warehouse.BadInputException;
import org.mailtriage.warehouse.DateLock;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * The entry point for the launcher script and for spark-submit alike. Subcommands hold no logic:
 * they parse options and call the jobs.
 */
@Command(name = "mailtriage", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Classifies mail delivery failures and says which servers need delisting or a PTR/HELO fix.",
        subcommands = {ExplainCommand.class, IngestCommand.class, EnrichCommand.class, ReportCommand.class, NightlyCommand.class,
                CheckIpCommand.class, EvalCommand.class, DecodeCommand.class, CommandLine.HelpCommand.class})
public final class Main {
    public static void main(String[] args) {
        int code = execute(args);
        System.exit(code);
    }

    /** Runs a command line and returns its exit code (tests call this; main exits with it). */
    public static int execute(String... args) {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setExecutionExceptionHandler(Main::handleFailure);
        return commandLine.execute(args);
    }

    private static int handleFailure(Exception exception, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        Throwable cause = exception;
        while (cause != null && !(cause instanceof BadInputException)) {
            cause = cause.getCause();
        }
        if (exception instanceof DateLock.LockedException) {
            err.println("mailtriage: " + exception.getMessage());
            err.flush();
            return ExitCodes.FAILURE;
        }
        if (cause != null) {
            err.println("mailtriage: " + cause.getMessage());
            err.flush();
            return ExitCodes.BAD_INPUT;
        }
        err.println("mailtriage: failed: " + exception);
        exception.printStackTrace(err);
        err.flush();
        return ExitCodes.FAILURE;
    }
}
