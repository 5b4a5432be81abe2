package io.usercanary.testing;

/** Answers a hostile backend sends within the 5 MB body cap, for the fault corpus, the memory tests and scripts/measure-memory. */
public final class HostileBodies {
    /** A little under the 5 MB cap. */
    public static final int TINY_OBJECTS_BYTES = 5 * 1024 * 1024 - 16;
    public static final int HUGE_STRING_CHARS = 4 * 1024 * 1024;

    /** Where {@link #answer} serves {@link #hugeMarker()}; the dashboard path serves {@link #tinyObjects()}. */
    public static final String PROFILE = "/api/profile";

    private HostileBodies() {}

    /** Makes {@code production}'s dashboard answer 5 MB of tiny objects and {@link #PROFILE} a 4 MB marker. */
    public static FakeProduction answer(FakeProduction production) {
        return production.on(FakeProduction.DASHBOARD, FakeProduction.json(200, tinyObjects()))
                .on(PROFILE, FakeProduction.json(200, hugeMarker()));
    }

    /** Checks for {@link #answer}: minItems on the tiny objects, equals on the huge marker (YAML, after {@code checks:}). */
    public static String checks() {
        return """
                  - name: overview
                    path: /api/dashboard
                    expect: { status: 200, notEmpty: [/widgets], minItems: { /widgets: 3 } }
                  - name: profile
                    path: /api/profile
                    expect: { equals: { /profile/marker: "{{account.marker}}" } }
                """;
    }

    /** {@code [{},{},...]}: about 1.7 million empty objects, the shape that is cheapest to send and dearest to hold as a tree. */
    public static String tinyObjects() {
        int count = (TINY_OBJECTS_BYTES - 2) / 3;
        StringBuilder body = new StringBuilder(TINY_OBJECTS_BYTES).append('[');
        for (int i = 0; i < count; i++) {
            body.append(i == 0 ? "{}" : ",{}");
        }
        return body.append(']').toString();
    }

    /** A dashboard whose {@code /profile/marker} is a string of 4 Mi characters, for an {@code equals} assertion. */
    public static String hugeMarker() {
        return "{\"widgets\":[1,2,3],\"profile\":{\"marker\":\"" + "m".repeat(HUGE_STRING_CHARS) + "\"}}";
    }
}
