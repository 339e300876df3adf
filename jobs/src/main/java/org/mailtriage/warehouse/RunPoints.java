package org.mailtriage.warehouse;

import java.util.List;
import java.util.ServiceLoader;

/**
 * The named points of a run where a crash must leave the warehouse readable and a rerun must repair it:
 * {@code staged:<table>} (a partition is written to staging, not yet swapped in), {@code swapping:<table>} (between
 * the two renames of a swap), {@code dns-task} (inside an enrichment task, after its lookups). Reaching one tells the
 * {@link RunPointListener}s on the class path; with none (production) it costs a check of an empty list.
 */
public final class RunPoints {
    public static final String DNS_TASK = "dns-task";
    // Loaded once per JVM (driver or executor), with the loader that sees the application's jars.
    private static final List<RunPointListener> LISTENERS = ServiceLoader.load(RunPointListener.class, RunPoints.class.getClassLoader())
            .stream().map(ServiceLoader.Provider::get).toList();

    private RunPoints() {
    }

    public static String staged(String table) {
        return "staged:" + table;
    }

    public static String swapping(String table) {
        return "swapping:" + table;
    }

    public static void reached(String point) {
        for (RunPointListener listener : LISTENERS) {
            listener.reached(point);
        }
    }
}
