package dev.sluice.launcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The Java side of {@code ./sluice}. The script finds a JDK 25, builds what is missing, handles
 * {@code --detach} and {@code sql}, and runs this class for the rest:
 * <pre>
 *   up     [--no-demo] [--data-dir DIR] [--port-base N]
 *   down   [--data-dir DIR]
 *   status [--once] [--interval SECONDS] [--data-dir DIR]
 *   send   FILE [--data-dir DIR]
 * </pre>
 * Errors the user can act on are printed as one message saying what to do next, with exit status 1.
 */
public final class Sluice {
    private Sluice() {}

    public static void main(String[] args) {
        int status;
        try {
            status = run(args);
        } catch (LauncherException e) {
            System.err.println("error: " + e.getMessage());
            status = 1;
        } catch (InterruptedException e) {
            status = 130;
        }
        System.out.flush();
        System.exit(status);
    }

    static int run(String[] args) throws InterruptedException {
        if (args.length == 0) {
            throw new LauncherException("No command. Usage: ./sluice up|down|status|send|sql|replay (./sluice help)");
        }
        String command = args[0];
        Path dataDir = Path.of(System.getenv().getOrDefault("SLUICE_DEFAULT_DATA_DIR", ".sluice"));
        if (command.equals("replay")) {
            // The replay tool reads its own options; only --data-dir is the launcher's.
            List<String> rest = new ArrayList<>();
            for (int i = 1; i < args.length; i++) {
                if (args[i].equals("--data-dir")) {
                    dataDir = Path.of(value(args, ++i, args[i - 1]));
                } else {
                    rest.add(args[i]);
                }
            }
            return Replay.run(new DataDir(dataDir), rest);
        }
        boolean demo = true;
        boolean once = false;
        int interval = 5;
        int portBase = PlatformPorts.DEFAULT_BASE;
        List<String> positional = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--data-dir" -> dataDir = Path.of(value(args, ++i, arg));
                case "--no-demo" -> demo = false;
                case "--once" -> once = true;
                case "--interval" -> interval = Integer.parseInt(value(args, ++i, arg));
                case "--port-base" -> portBase = parsePort(value(args, ++i, arg));
                default -> {
                    if (arg.startsWith("--") || (arg.startsWith("-") && arg.length() > 1)) {
                        throw new LauncherException("Unknown option " + arg + " for '" + command + "'. See ./sluice help");
                    }
                    positional.add(arg);
                }
            }
        }
        DataDir dir = new DataDir(dataDir);
        return switch (command) {
            case "up" -> new Platform(dir, new PlatformPorts(portBase), demo).run();
            case "down" -> Down.run(dir);
            case "status" -> Status.run(dir, once, Math.max(1, interval));
            case "send" -> {
                if (positional.size() != 1) {
                    throw new LauncherException("Usage: ./sluice send FILE|-   (NDJSON, one event per line, or a JSON array; - reads standard input)");
                }
                yield Send.run(dir, Path.of(positional.getFirst()));
            }
            default -> throw new LauncherException("Unknown command '" + command + "'. Commands: up, down, status, send, sql, replay (./sluice help)");
        };
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new LauncherException(option + " needs a value");
        }
        return args[index];
    }

    private static int parsePort(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new LauncherException("--port-base needs a number, got '" + text + "'");
        }
    }
}
