package io.usercanary.webconfig;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * {@code basic_auth_users}: bcrypt hashes, checked like the exporter toolkit does. An unknown user still pays a
 * bcrypt check (against a fixed hash) so timing does not tell which users exist; checks run one at a time so a
 * flood of guesses costs one core at most; a verified (user, password) pair is remembered, as a keyed hash,
 * so a scraper pays bcrypt once, not on every scrape. Thread-safe.
 */
public final class BasicAuth {
    /** {@code $2a$}, {@code $2b$} or {@code $2y$} (htpasswd -B), cost 04 to 31, 22 salt and 31 hash characters. */
    static final Pattern BCRYPT = Pattern.compile("\\$2[aby]?\\$(0[4-9]|[12][0-9]|3[01])\\$[./0-9A-Za-z]{53}");
    private static final int REMEMBERED = 64;

    private final Map<String, String> hashes;
    /** A hash of a random password at the configured users' cost, checked for users that do not exist; made on first need. */
    private volatile String unknownUserHash;
    private final int cost;
    private final Object bcryptLock = new Object();
    private final byte[] cacheKey = new byte[32];
    private final Map<String, Boolean> verified = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    });

    BasicAuth(Map<String, String> hashes) {
        this.hashes = Map.copyOf(hashes);
        new SecureRandom().nextBytes(cacheKey);
        this.cost = hashes.values().stream().findFirst().map(h -> Integer.parseInt(h.substring(h.indexOf('$', 1) + 1,
                h.indexOf('$', 1) + 3))).orElse(4);
    }

    public boolean enabled() {
        return !hashes.isEmpty();
    }

    public Set<String> users() {
        return hashes.keySet();
    }

    /** The user an {@code Authorization} header proves, if it does; empty for a missing, malformed or wrong one. */
    public Optional<String> authenticate(String authorization) {
        Optional<String[]> credentials = decode(authorization);
        if (credentials.isEmpty()) {
            return Optional.empty();
        }
        String user = credentials.get()[0];
        String password = credentials.get()[1];
        String hash = hashes.get(user);
        boolean known = hash != null;
        String remembered = known ? fingerprint(user, hash, password) : "";
        if (known && verified.containsKey(remembered)) {
            return Optional.of(user);
        }
        boolean ok;
        synchronized (bcryptLock) {
            ok = check(password, known ? hash : unknownUserHash());
        }
        if (ok && known) {
            verified.put(remembered, Boolean.TRUE);
            return Optional.of(user);
        }
        return Optional.empty();
    }

    /** The user name an Authorization header claims, only when it is one of the configured users (for the log). */
    public Optional<String> claimedKnownUser(String authorization) {
        return decode(authorization).map(c -> c[0]).filter(hashes::containsKey);
    }

    private String unknownUserHash() {
        if (unknownUserHash == null) {
            SecureRandom random = new SecureRandom();
            byte[] unknown = new byte[16];
            random.nextBytes(unknown);
            unknownUserHash = BCrypt.hashpw(Base64.getEncoder().encodeToString(unknown), BCrypt.gensalt(cost, random));
        }
        return unknownUserHash;
    }

    private static boolean check(String password, String hash) {
        try {
            return BCrypt.checkpw(password, hash);
        } catch (IllegalArgumentException tooLongOrMalformed) {
            return false;
        }
    }

    private static Optional<String[]> decode(String authorization) {
        if (authorization == null || authorization.length() > 4096
                || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(authorization.substring(6).strip());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        String pair = new String(decoded, StandardCharsets.UTF_8);
        int colon = pair.indexOf(':');
        return colon < 0 ? Optional.empty() : Optional.of(new String[] {pair.substring(0, colon), pair.substring(colon + 1)});
    }

    private String fingerprint(String user, String hash, String password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(cacheKey, "HmacSHA256"));
            for (String part : new String[] {user, hash, password}) {
                mac.update(part.getBytes(StandardCharsets.UTF_8));
                mac.update((byte) 0);
            }
            return Base64.getEncoder().encodeToString(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
