/** One account's flow (login, lookup, exchange, checks), timed step by step and classified into an {@link io.usercanary.probe.Outcome}. */
package io.usercanary.probe;
