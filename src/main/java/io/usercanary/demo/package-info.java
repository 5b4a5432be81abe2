/**
 * The embedded demo target: a Firebase-Auth-compatible endpoint, a sample backend and an incident
 * timeline on loopback ports, speaking production's wire formats so the monitor runs unchanged.
 *
 * <p>Nothing here is used by the monitor itself; the arrow points from {@code cli} (which starts a
 * {@link io.usercanary.demo.DemoTarget}) into this package and out of it only to {@code http} and to
 * {@code config}'s {@link io.usercanary.config.Durations}.
 */
package io.usercanary.demo;
