package dev.sluice.launcher;

/**
 * The fixed ports of the local platform, so that its URLs stay the same from one {@code ./sluice up}
 * to the next. All derive from one base (default {@value #DEFAULT_BASE}); {@code --port-base} moves
 * the whole block, for example to run a second platform beside the first.
 */
record PlatformPorts(int base) {
    static final int DEFAULT_BASE = 17000;

    PlatformPorts {
        if (base < 1024 || base > 65_000) {
            throw new LauncherException("--port-base must be between 1024 and 65000, got " + base);
        }
    }

    int collector() {
        return base + 80;
    }

    int registry() {
        return base + 81;
    }

    int trino() {
        return base + 82;
    }

    int s3() {
        return base + 90;
    }

    int kafka() {
        return base + 92;
    }

    int postgres() {
        return base + 432;
    }
}
