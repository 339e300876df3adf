package org.mailtriage.warehouse;

/**
 * Told when a run reaches one of its {@link RunPoints}. Implementations are found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/org.mailtriage.warehouse.RunPointListener}); the production jar ships none. The crash tests
 * add one that pauses there, so they can kill the process at exactly that point.
 */
public interface RunPointListener {
    void reached(String point);
}
