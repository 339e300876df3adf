package org.mailtriage.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "nightly", mixinStandardHelpOptions = true, description = "placeholder")
final class NightlyCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        return ExitCodes.FAILURE;
    }
}
