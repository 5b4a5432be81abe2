/** Thin command-line entry points; each sub-command a {@code Callable<Integer>} returning the exit code. */
package io.usercanary.cli;
