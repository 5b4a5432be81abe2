/** The YAML configuration: immutable records validated on construction, loaded with file:line errors. */
package io.usercanary.config;
