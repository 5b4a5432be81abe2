/**
 * The exporter-toolkit web configuration file ({@code --web.config.file}): TLS with live certificate rotation,
 * client certificates, bcrypt basic auth and extra response headers, with the toolkit's keys and defaults.
 * Uses nothing else of ours; read by {@code cli}, applied by {@code web}.
 */
package io.usercanary.webconfig;
