/**
 * Thin command-line entry points; each sub-command a {@code Callable<Integer>} returning the exit code.
 * {@code run} and {@code demo} start the daemon through {@code app}; {@code check} and {@code seed} run a round or
 * the seeder directly. The only package that may use {@code demo}, {@code report} and {@code logging}.
 */
package io.usercanary.cli;
