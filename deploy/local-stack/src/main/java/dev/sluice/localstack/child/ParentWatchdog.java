package dev.sluice.localstack.child;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * The entry point of every child JVM of the local stack: it ties the child's life to its parent.
 *
 * <ol>
 *   <li>Arguments: the real main class, then that class's arguments.</li>
 *   <li>A daemon thread reads standard input, a pipe from the parent that the parent never
 *       writes to. When the parent closes it, or dies in any way including {@code kill -9}, the
 *       kernel closes the pipe and the read returns end of file.</li>
 *   <li>On end of file the child exits through {@link System#exit}, so the server's own shutdown
 *       hooks run. If they have not finished after {@value #HALT_AFTER_SECONDS} seconds the JVM
 *       halts.</li>
 *   <li>The main thread runs the real main class.</li>
 * </ol>
 *
 * Uses the JDK only: it sits on the child's classpath next to the server's jars.
 */
public final class ParentWatchdog {
    static final int HALT_AFTER_SECONDS = 40;

    private ParentWatchdog() {}

    public static void main(String[] args) throws Throwable {
        if (args.length < 1) {
            throw new IllegalArgumentException("Usage: ParentWatchdog <main-class> [args...]");
        }
        Thread watchdog = new Thread(ParentWatchdog::exitWhenParentGoes, "sluice-parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        try {
            Class.forName(args[0])
                    .getMethod("main", String[].class)
                    .invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static void exitWhenParentGoes() {
        byte[] buffer = new byte[256];
        InputStream in = System.in;
        try {
            while (in.read(buffer) >= 0) {
                // The parent never writes; anything read is ignored.
            }
        } catch (IOException e) {
            // A broken pipe means the parent is gone, just like end of file.
        }
        System.err.println("sluice: parent process is gone, stopping");
        Thread halt = new Thread(() -> {
            try {
                TimeUnit.SECONDS.sleep(HALT_AFTER_SECONDS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
            Runtime.getRuntime().halt(2);
        }, "sluice-halt");
        halt.setDaemon(true);
        halt.start();
        System.exit(0);
    }
}
