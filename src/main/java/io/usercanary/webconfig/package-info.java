/**
 * The exporter-toolkit web configuration file ({@code --web.config.file}): TLS with live certificate rotation,
 * client certificates, bcrypt basic auth and extra response headers, with the toolkit's keys and defaults.
 */
package io.usercanary.webconfig;
