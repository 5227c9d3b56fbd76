/**
 * The broker's configuration, declared once: {@link io.strand.broker.config.ConfigKeys} lists every
 * key with its type, unit, default, accepted values and documentation;
 * {@link io.strand.broker.config.BrokerConfig} is the validated, immutable result of layering
 * defaults, a properties file and command-line settings; {@link io.strand.broker.config.ConfigTable}
 * renders the documentation table from the same declarations.
 *
 * <p>Durations are read as {@link java.time.Duration} from {@code *.ms} keys and sizes from
 * {@code *.bytes} keys; no other code parses configuration text. This package translates the
 * configuration into the settings records of the layers it configures ({@code ServiceSettings},
 * {@code StorageConfig}); it must not depend on the transport ({@code io.strand.broker.net}), the
 * admin HTTP server or the launcher, which receive plain values from {@code io.strand.broker.Broker}.
 */
package io.strand.broker.config;
