package dev.sluice.launcher;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The argument handling of {@code ./sluice bench} (docs/benchmarks.md), on the real script. The
 * benchmark itself is exercised by ingestion-adapter's {@code IngestBenchmarkTest}.
 */
class SluiceBenchScriptIT {
    private final Path repo = Path.of(System.getProperty("sluice.repo.root", "../..")).toAbsolutePath().normalize();

    @Test
    void helpListsTheBenchmark() throws Exception {
        Result help = run("target", "help");

        assertThat(help.exit()).isZero();
        assertThat(help.output()).contains("bench ingest", "--events N", "--rate R", "--seconds S", "--warmup S", "--keep");
    }

    @Test
    void anUnknownBenchmarkIsAUsageError() throws Exception {
        Result result = run("target", "bench", "egest");

        assertThat(result.exit()).as(result.output()).isEqualTo(2);
        assertThat(result.output()).contains("unknown benchmark 'egest'", "ingest");
    }

    @Test
    void withoutABuildAndSkipBuildItSaysWhatToDo() throws Exception {
        Result result = run("target-never-built-" + ProcessHandle.current().pid(), "bench", "ingest");

        assertThat(result.exit()).as(result.output()).isEqualTo(1);
        assertThat(result.output()).contains("SLUICE_SKIP_BUILD=1", "the benchmark is not built", "What to do next");
    }

    private record Result(int exit, String output) {}

    private Result run(String target, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(repo.resolve("sluice").toString());
        command.addAll(List.of(args));
        Path output = Files.createTempFile("sluice-bench-out-", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(repo.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().put("SLUICE_SKIP_BUILD", "1");
        builder.environment().put("SLUICE_TARGET", target);
        Process process = builder.start();
        boolean done = process.waitFor(60, TimeUnit.SECONDS);
        if (!done) {
            process.destroyForcibly();
        }
        String text = Files.readString(output);
        Files.deleteIfExists(output);
        return new Result(done ? process.exitValue() : -1, text);
    }
}
