/** Renderings of a round of results for people and pipelines: table, JSON, JUnit XML. Uses {@code probe}'s results and {@code check}'s assertions; used by {@code cli}. */
package io.usercanary.report;
