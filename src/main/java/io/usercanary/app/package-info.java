/**
 * The composition root of the daemon: builds the account states, the probe, the results
 * store, the metrics, the scheduler and the web server, wires them, and re-reads the config on a reload, applied
 * all or nothing.
 * Owns {@link io.usercanary.app.Daemon} and how a probe is made ({@link io.usercanary.app.Probes}).
 * May use every package below it; only {@code cli} uses it.
 */
package io.usercanary.app;
