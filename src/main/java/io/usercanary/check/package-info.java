/** Assertions on a dashboard response: status, JSON payload not empty, known values, headers. */
package io.usercanary.check;
