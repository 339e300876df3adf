package org.mailtriage.warehouse;

/**
 * Test-only: lets a crash test stop a run at a named point so it can kill the process exactly there.
 * Off unless the environment variable {@code MAILTRIAGE_PAUSE_AT} (or the system property
 * {@code mailtriage.pauseAt}) names the point, as {@code point} (pause for an hour) or
 * {@code point:seconds}. At the point it prints {@code mailtriage: paused at <point>} to stderr and
 * sleeps. Points: {@code staged:<table>} (a partition is written to staging, not yet swapped in),
 * {@code swapping:<table>} (between the two renames of a swap), {@code dns-task} (inside an enrichment
 * task, after its lookups). Executors see it through {@code spark.executorEnv.MAILTRIAGE_PAUSE_AT}.
 */
public final class PauseHook {
    public static final String VARIABLE = "MAILTRIAGE_PAUSE_AT";
    private static final long DEFAULT_SECONDS = 3600;

    private PauseHook() {
    }

    public static void at(String point) {
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
