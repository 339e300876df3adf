package org.mailtriage.cli;

import org.mailtriage.jobs.Version;
import picocli.CommandLine.IVersionProvider;

final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"mailtriage " + Version.current()};
    }
}
