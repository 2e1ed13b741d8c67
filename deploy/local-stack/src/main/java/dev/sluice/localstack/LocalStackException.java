package dev.sluice.localstack;

/** A server of the local stack could not be started, reached or stopped. */
public class LocalStackException extends RuntimeException {
    public LocalStackException(String message) {
        super(message);
    }

    public LocalStackException(String message, Throwable cause) {
        super(message, cause);
    }
}
