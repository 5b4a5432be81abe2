/** The daemon's HTTP side: status page, run traces, metrics, health and reload endpoints. */
package io.usercanary.web;
