package io.usercanary.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A regular expression from the config, compiled once at load time. {@link #find} searches the value
 * (anchor it with {@code ^…$} to match the whole value); equal when the source text is.
 */
public final class Regex extends ConfigText {
    private final Pattern pattern;

    private Regex(String source, Pattern pattern) {
        super(source);
        this.pattern = pattern;
    }

    @JsonCreator
    public static Regex of(String source) {
        if (source == null) {
            throw new InvalidConfigException(ConfigPath.ROOT, "has no value");
        }
        try {
            return new Regex(source, Pattern.compile(source));
        } catch (PatternSyntaxException e) {
            throw new InvalidConfigException(ConfigPath.ROOT, Checks.quoted(source) + " is not a regular expression: "
                    + e.getDescription() + (e.getIndex() >= 0 ? " near index " + e.getIndex() : ""));
        }
    }

    public Pattern pattern() {
        return pattern;
    }

    /** True when the expression occurs somewhere in {@code value}. */
    public boolean find(CharSequence value) {
        return pattern.matcher(value).find();
    }
}
