/**
 * Prometheus metrics fed by run results and the daemon's own state: it exports results and never reaches into
 * the probes or Firebase. Uses {@code probe}'s result types, {@code check}'s measurements and {@code config}.
 */
package io.usercanary.metrics;
