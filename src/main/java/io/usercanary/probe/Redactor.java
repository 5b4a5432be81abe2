package io.usercanary.probe;

import io.usercanary.config.Secret;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces secrets in text that leaves the process (details, traces): every value it was told about,
 * anything shaped like a JWT, and JSON string values whose key names a token, password, key or cookie.
 */
public final class Redactor {
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]*");
    private static final Pattern SECRET_FIELD = Pattern.compile(
            "(\"[^\"]*(?i:token|password|secret|jwt|api_?key|cookie|session|authorization|credential)[^\"]*\"\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*\"");

    private static final int WHOLE_WORD_BELOW = 8;

    private final Set<String> secrets = ConcurrentHashMap.newKeySet();

    public Redactor add(Secret secret) {
        if (secret != null && !secret.isEmpty()) {
            secrets.add(secret.reveal());
        }
        return this;
    }

    public Redactor add(String secret) {
        if (secret != null && !secret.isEmpty()) {
            secrets.add(secret);
        }
        return this;
    }

    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (String secret : secrets.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList()) {
            // A short secret ("k", "abc") would also match inside ordinary words: replace it only as a whole token.
            out = secret.length() >= WHOLE_WORD_BELOW
                    ? out.replace(secret, Secret.REDACTED)
                    : Pattern.compile("(?<![A-Za-z0-9])" + Pattern.quote(secret) + "(?![A-Za-z0-9])").matcher(out)
                            .replaceAll(Matcher.quoteReplacement(Secret.REDACTED));
        }
        out = JWT.matcher(out).replaceAll(Secret.REDACTED);
        return SECRET_FIELD.matcher(out).replaceAll("$1\"" + Secret.REDACTED + "\"");
    }
}
