/** Assertions on a dashboard response: status, JSON payload not empty, known values, headers. Uses {@code config} and {@code http}'s JSON reading. */
package io.usercanary.check;
