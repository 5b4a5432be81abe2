/** Log output: the usual text lines, or one JSON object per line for log collectors. Used by {@code cli} alone. */
package io.usercanary.logging;
