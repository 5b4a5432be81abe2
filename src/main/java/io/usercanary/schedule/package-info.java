/**
 * Firing accounts: one Quartz job per account on an interval with a per-account jitter, confirmation runs after a
 * first failure, reloads reconciled in place or by a hand-over, all or nothing; the lag of each start and every skipped
 * fire counted ({@code Punctuality}, on the registry it is given). Knows nothing of pages, the run metrics or
 * seeding: it calls a {@code probe.Probe} and tells {@code probe.RunListener}s. Uses {@code probe} and {@code config}.
 */
package io.usercanary.schedule;
