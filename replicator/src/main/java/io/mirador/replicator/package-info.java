/**
 * The mirroring engine: routes, controller and workers, H2 state, REST API. Uses {@code io.mirador.cluster}
 * for Kafka access and never imports JavaFX.
 */
package io.mirador.replicator;
