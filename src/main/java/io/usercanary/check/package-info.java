/** Assertions on a dashboard response: status, JSON payload not empty, known values, headers. Uses only {@code config}. */
package io.usercanary.check;
