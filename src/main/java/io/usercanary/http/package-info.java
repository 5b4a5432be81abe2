/** The HTTP boundary: one shared client, calls bounded by a deadline and a body cap, failures classified. */
package io.usercanary.http;
