/** Test support: where the real components (emulator, promtool, Chromium, PostgreSQL) are. */
package io.usercanary.testing;
