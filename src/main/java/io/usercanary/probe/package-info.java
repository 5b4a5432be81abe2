/**
 * Running an account: the {@link io.usercanary.probe.Probe} contract, the flow (login, lookup, exchange, checks)
 * timed step by step and classified into an {@link io.usercanary.probe.Outcome}, a round of every account, and
 * each account's state kept between runs and reloads ({@link io.usercanary.probe.AccountStates}).
 * Uses {@code auth}, {@code check}, {@code http} and {@code config}.
 */
package io.usercanary.probe;
