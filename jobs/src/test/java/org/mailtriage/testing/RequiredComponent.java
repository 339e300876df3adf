package org.mailtriage.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * For tests that need a real component (rbldnsd, nsd, Jupyter, a Spark master). Under CI=true a
 * missing component fails the test; elsewhere the test is reported as skipped, with the reason.
 */
public final class RequiredComponent {
    private RequiredComponent() {
    }

    public static boolean underCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    public static void require(boolean available, String what) {
        if (available) {
            return;
        }
        if (underCi()) {
            fail(what + " is required under CI=true but missing (.ci/run installs it)");
        }
        assumeTrue(false, what + " is missing: test skipped outside CI");
    }

    /** The path of an executable on PATH (or in /usr/sbin, /usr/bin), or null. */
    public static Path executable(String name) {
        String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/usr/bin:/sbin";
        for (String directory : path.split(":")) {
            if (directory.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(directory, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    public static Path requireExecutable(String name, String debianPackage) {
        Path found = executable(name);
        require(found != null, name + " (Debian package " + debianPackage + ")");
        return found;
    }
}
