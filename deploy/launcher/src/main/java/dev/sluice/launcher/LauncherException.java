package dev.sluice.launcher;

/**
 * A failure the user can act on: the message says what happened and what to do next. The launcher
 * prints it without a stack trace and exits with status 1.
 */
final class LauncherException extends RuntimeException {
    LauncherException(String message) {
        super(message);
    }

    LauncherException(String message, Throwable cause) {
        super(message, cause);
    }
}
