package org.mailtriage.jobs;

/** The version written into every runs row: the jar's Implementation-Version, else "dev". */
public final class Version {
    private Version() {
    }

    public static String current() {
        String version = Version.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
