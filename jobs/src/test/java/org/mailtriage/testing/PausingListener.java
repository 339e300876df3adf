package org.mailtriage.testing;

import org.mailtriage.warehouse.RunPointListener;

/**
 * Lets a crash test stop a run at a named {@link org.mailtriage.warehouse.RunPoints run point} so it can kill the
 * process exactly there. Registered in {@code META-INF/services} of the test classes and shipped to spark-submit in
 * {@link SparkDistribution#testHooksJar()}. Off unless the environment variable {@code MAILTRIAGE_PAUSE_AT} (or the
 * system property {@code mailtriage.pauseAt}) names the point, as {@code point} (pause for an hour) or
 * {@code point:seconds}. At the point it prints {@code mailtriage: paused at <point>} to stderr and sleeps. Executors
 * see it through {@code spark.executorEnv.MAILTRIAGE_PAUSE_AT}.
 */
public final class PausingListener implements RunPointListener {
    public static final String VARIABLE = "MAILTRIAGE_PAUSE_AT";
    private static final long DEFAULT_SECONDS = 3600;

    @Override
    public void reached(String point) {
        String setting = System.getProperty("mailtriage.pauseAt", System.getenv(VARIABLE));
        if (setting == null || setting.isBlank()) {
            return;
        }
        String name = setting;
        long seconds = DEFAULT_SECONDS;
        int colon = setting.lastIndexOf(':');
        if (colon > 0 && setting.substring(colon + 1).chars().allMatch(Character::isDigit) && colon < setting.length() - 1) {
            name = setting.substring(0, colon);
            seconds = Long.parseLong(setting.substring(colon + 1));
        }
        if (!name.equals(point)) {
            return;
        }
        System.err.println("mailtriage: paused at " + point + " for " + seconds + " s (" + VARIABLE + ")");
        System.err.flush();
        try {
            Thread.sleep(seconds * 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
