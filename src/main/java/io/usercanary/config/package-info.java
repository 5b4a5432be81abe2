/**
 * The YAML configuration: immutable records validated on construction, loaded with file:line errors; and
 * {@link io.usercanary.config.Durations}, the one place durations are parsed and written. Uses nothing else of ours.
 */
package io.usercanary.config;
