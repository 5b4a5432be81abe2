/** The daemon: one Quartz job per account, run on an interval with a per-account jitter, wired to metrics and the web side. */
package io.usercanary.schedule;
