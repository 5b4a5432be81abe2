/** The YAML configuration: immutable records validated on construction, loaded with file:line errors. Uses nothing else of ours. */
package io.usercanary.config;
