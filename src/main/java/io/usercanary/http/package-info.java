/** The HTTP boundary: one shared client, calls bounded by a deadline and a body cap, failures classified. Uses only {@code config}. */
package io.usercanary.http;
