package io.usercanary.demo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The four seeded demo accounts, 3 days, 2 months, 8 months and 3 years old. Immutable. */
public final class DemoAccounts implements AccountDirectory {
    /** Email domain under {@code .invalid} (RFC 2606), so nothing can ever be mailed there. */
    public static final String EMAIL_DOMAIN = "demo.usercanary.invalid";

    private record Seed(String name, String emailUser, Duration age, String ageLabel) {}

    private static final List<Seed> SEEDS = List.of(
            new Seed("new-3d", "canary-new", Duration.ofDays(3), "3 days"),
            new Seed("recent-2mo", "canary-recent", Duration.ofDays(60), "2 months"),
            new Seed("established-8mo", "canary-established", Duration.ofDays(240), "8 months"),
            new Seed("veteran-3y", "canary-veteran", Duration.ofDays(3 * 365), "3 years"));

    private static final String UID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private final List<DemoAccount> all;

    private DemoAccounts(List<DemoAccount> all) {
        this.all = List.copyOf(all);
    }

    /** Seeds the accounts with ages relative to {@code now} and fresh random passwords and uids. */
    public static DemoAccounts seed(Instant now, SecureRandom random) {
        List<DemoAccount> accounts = new ArrayList<>();
        for (Seed seed : SEEDS) {
            accounts.add(new DemoAccount(
                    seed.name(),
                    seed.emailUser() + "@" + EMAIL_DOMAIN,
                    password(random),
                    uid(random),
                    now.minus(seed.age()),
                    seed.ageLabel()));
        }
        return new DemoAccounts(accounts);
    }

    /** Youngest first. */
    public List<DemoAccount> all() {
        return all;
    }

    public Optional<DemoAccount> byEmail(String email) {
        String wanted = email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
        return all.stream().filter(a -> a.email().equals(wanted)).findFirst();
    }

    /** Email-enumeration protection (Firebase's default since 2023): unknown email and wrong password look alike. */
    @Override
    public Optional<DemoAccount> signIn(String email, String password) {
        byte[] given = password.getBytes(StandardCharsets.UTF_8);
        return byEmail(email).filter(a -> MessageDigest.isEqual(a.password().getBytes(StandardCharsets.UTF_8), given));
    }

    @Override
    public Optional<DemoAccount> byLocalId(String localId) {
        return all.stream().filter(a -> a.localId().equals(localId)).findFirst();
    }

    public Optional<DemoAccount> byName(String name) {
        return all.stream().filter(a -> a.name().equals(name)).findFirst();
    }

    private static String password(SecureRandom random) {
        byte[] bytes = new byte[18];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** 28 alphanumerics, the shape of a Firebase uid. */
    private static String uid(SecureRandom random) {
        StringBuilder uid = new StringBuilder(28);
        for (int i = 0; i < 28; i++) {
            uid.append(UID_ALPHABET.charAt(random.nextInt(UID_ALPHABET.length())));
        }
        return uid.toString();
    }
}
