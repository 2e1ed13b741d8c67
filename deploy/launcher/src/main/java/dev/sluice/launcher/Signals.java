package dev.sluice.launcher;

import sun.misc.Signal;

/**
 * Turns Ctrl-C (SIGINT) and {@code ./sluice down} (SIGTERM) into an orderly stop on the main thread,
 * instead of racing JVM shutdown hooks: the demo stops first, then the services, then the stack.
 */
final class Signals {
    private Signals() {}

    static void onStop(Runnable action) {
        for (String name : new String[] {"INT", "TERM", "HUP"}) {
            try {
                Signal.handle(new Signal(name), signal -> action.run());
            } catch (IllegalArgumentException e) {
                // Signal not available on this platform; the JVM's default handling remains.
            }
        }
    }
}
