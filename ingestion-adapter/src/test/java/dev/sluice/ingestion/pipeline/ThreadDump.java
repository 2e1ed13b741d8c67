package dev.sluice.ingestion.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A {@code jcmd Thread.print} of a child JVM, appended to a file: the evidence of a stalled child. */
final class ThreadDump {

    private ThreadDump() {
    }

    /** Appends the threads of JVM {@code pid} to {@code file}, waiting at most 30 s for jcmd. */
    static void appendTo(long pid, Path file) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid), "Thread.print").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(file.toFile())).start();
        if (!jcmd.waitFor(30, TimeUnit.SECONDS)) {
            jcmd.destroyForcibly();
        }
    }
}
