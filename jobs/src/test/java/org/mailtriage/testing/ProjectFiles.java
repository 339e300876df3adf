package org.mailtriage.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Paths of the checkout (data-samples/, schemas/, …) and of the shared folder beside it. */
public final class ProjectFiles {
    private ProjectFiles() {
    }

    public static Path root() {
        String configured = System.getProperty("mailtriage.projectRoot");
        Path root = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath();
        if (!Files.exists(root.resolve("data-samples")) && root.getParent() != null) {
            root = root.getParent();
        }
        return root.toAbsolutePath().normalize();
    }

    public static Path resolve(String relative) {
        return root().resolve(relative);
    }

    /** ../shared beside the checkout (the corpus and the guide live there). */
    public static Path shared() {
        return root().getParent().resolve("shared");
    }
}
