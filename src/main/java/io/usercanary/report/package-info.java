/** Renderings of a round of results for people and pipelines: table, JSON, JUnit XML. */
package io.usercanary.report;
