/** Log output: the usual text lines, or one JSON object per line for log collectors. */
package io.usercanary.logging;
