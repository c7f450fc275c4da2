package io.mirador.app;

import sun.misc.Signal;

/**
 * Turns SIGINT and SIGTERM into a callback instead of the JVM's default exit (code 130/143), so headless
 * commands can stop cleanly and exit 0. Uses {@code sun.misc.Signal} from {@code jdk.unsupported}: the JDK
 * offers no public API for handling a signal without exiting.
 */
final class StopSignals {

    private StopSignals() {
    }

    static void onStop(Runnable stop) {
        for (String name : new String[] {"INT", "TERM"}) {
            Signal.handle(new Signal(name), signal -> stop.run());
        }
    }
}
