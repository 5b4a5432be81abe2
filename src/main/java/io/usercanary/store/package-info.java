/**
 * Run results kept for the pages, gauges and reports, behind {@link io.usercanary.store.ResultStore}: fed by the
 * runs, read by {@code web}; the history length is defined here once. Uses only {@code probe}'s result types.
 */
package io.usercanary.store;
