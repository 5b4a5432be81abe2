package io.usercanary.web;

import io.usercanary.config.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** The page's words around {@link Durations}: an unknown age, "never", "just now", "2 min ago". */
final class HumanTime {
    private HumanTime() {}

    /** An account's age as {@link Durations#age}: "3 d", "8 mo"; "–" when unknown. */
    static String age(Optional<Long> seconds) {
        return seconds.map(s -> Durations.age(Duration.ofSeconds(s))).orElse("–");
    }

    /** How long before {@code now}: "12 s ago", "2 min ago", "5 h ago", "3 d ago"; "never" when empty. */
    static String ago(Optional<Instant> then, Instant now) {
        if (then.isEmpty()) {
            return "never";
        }
        Duration elapsed = Duration.between(then.get(), now);
        return elapsed.getSeconds() < 1 ? "just now" : Durations.spoken(elapsed) + " ago";
    }
}
