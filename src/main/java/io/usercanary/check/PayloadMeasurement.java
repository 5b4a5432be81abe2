package io.usercanary.check;

/** How many items the response held at an asserted pointer: array or object entries, or string length; 0 when absent. */
public record PayloadMeasurement(String check, String pointer, long items) {}
