/** Renderings of a round of results for people and pipelines: table, JSON, JUnit XML. Uses {@code probe}'s results; used by {@code cli}. */
package io.usercanary.report;
