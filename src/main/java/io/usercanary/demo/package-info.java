/**
 * The embedded demo target: a Firebase-Auth-compatible endpoint, a sample backend and an incident
 * timeline on loopback ports, speaking production's wire formats so the monitor runs unchanged.
 * The endpoints are plain request → answer functions ({@link io.usercanary.demo.FirebaseAuthRoutes},
 * {@link io.usercanary.demo.BackendRoutes}) that {@link io.usercanary.demo.RouteServer} serves; the tests'
 * fake production answers with the same functions, given its own accounts, tokens and dashboard.
 *
 * <p>Nothing here is used by the monitor itself (only by {@code cli} and the tests); the arrow points from {@code cli} (which starts a
 * {@link io.usercanary.demo.DemoTarget}) into this package and out of it only to {@code http} and to
 * {@code config}'s {@link io.usercanary.config.Durations}.
 */
package io.usercanary.demo;
