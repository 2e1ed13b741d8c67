package dev.sluice.domain.bench;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.util.Collection;
import java.util.Locale;

/**
 * Runs the domain's JMH benchmarks on one thread and prints each score in its unit (ops/s, or ns/op for average-time benchmarks). Arguments are JMH
 * command-line options that override the defaults ({@code -f 1 -wi 3 -i 5 -w 2s -r 2s}); the thread
 * count is always 1.
 *
 * <pre>./mvnw -B -q -Pbench -pl domain test-compile exec:exec</pre>
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        CommandLineOptions cli = new CommandLineOptions(args);
        ChainedOptionsBuilder options = new OptionsBuilder().parent(cli).threads(1);
        if (cli.getIncludes().isEmpty()) {
            options.include(AcmeValidationBenchmark.class.getName());
        }
        // defaults, each overridable from the command line
        if (!cli.getForkCount().hasValue()) {
            options.forks(1);
        }
        if (!cli.getWarmupIterations().hasValue()) {
            options.warmupIterations(3);
        }
        if (!cli.getWarmupTime().hasValue()) {
            options.warmupTime(TimeValue.seconds(2));
        }
        if (!cli.getMeasurementIterations().hasValue()) {
            options.measurementIterations(5);
        }
        if (!cli.getMeasurementTime().hasValue()) {
            options.measurementTime(TimeValue.seconds(2));
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        System.out.println();
        for (RunResult r : results) {
            var score = r.getPrimaryResult();
            System.out.printf(Locale.ROOT, "%-60s %,14.0f %s (± %,.0f, 1 thread)%n",
                    r.getParams().getBenchmark(), score.getScore(), score.getScoreUnit(), score.getScoreError());
        }
    }
}
