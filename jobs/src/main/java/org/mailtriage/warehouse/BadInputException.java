package org.mailtriage.warehouse;

/** The user's input or configuration is wrong (missing file, unwritable warehouse, bad rule file): exit code 2, not a crash. */
public final class BadInputException extends RuntimeException {
    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
