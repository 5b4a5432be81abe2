/** Checks for the Grafana dashboard and Prometheus rules under {@code dashboards/}, and a real Prometheus for tests. */
package io.usercanary.dashboards;
