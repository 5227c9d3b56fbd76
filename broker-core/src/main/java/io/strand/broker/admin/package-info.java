/**
 * The admin HTTP port: Prometheus text ({@code /metrics}), Dropwizard JSON ({@code /metrics.json}) and
 * a health check ({@code /health}) over the broker's one {@link com.codahale.metrics.MetricRegistry}.
 * See {@link io.strand.broker.admin.AdminServer}.
 *
 * <p>It reads the registry and a {@link io.strand.broker.admin.Health} supplier only; it must not depend
 * on the request layer, storage, transport or configuration packages, and it never changes broker state.
 */
package io.strand.broker.admin;
