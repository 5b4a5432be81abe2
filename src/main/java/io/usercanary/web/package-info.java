/**
 * The daemon's HTTP side: renders the status page and run traces from the results store and serves metrics,
 * health and reload, asking the daemon through {@link io.usercanary.web.DaemonControl}. Uses {@code store},
 * {@code probe}'s results, {@code check}, {@code config} and {@code webconfig} (TLS, basic auth, headers); never the
 * scheduler or the metrics' internals.
 */
package io.usercanary.web;
