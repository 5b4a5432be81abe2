/** Prometheus metrics fed by run results and the daemon's own state; it never reaches into the probes. */
package io.usercanary.metrics;
