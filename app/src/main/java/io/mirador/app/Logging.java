package io.mirador.app;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

/** Switches between the quiet default log configuration and the verbose one of {@code --verbose}. */
final class Logging {

    private Logging() {
    }

    static void verbose() {
        Configurator.setRootLevel(Level.INFO);
        Configurator.setLevel("io.mirador", Level.INFO);
        Configurator.setLevel("org.apache.kafka", Level.INFO);
        Configurator.setLevel("kafka", Level.INFO);
        Configurator.setLevel("state.change.logger", Level.INFO);
    }
}
