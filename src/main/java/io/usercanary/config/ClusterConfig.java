package io.usercanary.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * The optional {@code cluster:} block: the PostgreSQL database replicas share their schedule (Quartz's
 * clustered JDBC job store) and run results in. {@code password} or {@code passwordFile}, like an account's;
 * {@code checkinInterval} is how often a replica proves it is alive (Quartz's clusterCheckinInterval).
 */
public record ClusterConfig(String jdbcUrl, String username, Secret password, Path passwordFile, Duration checkinInterval) {
    public static final Duration DEFAULT_CHECKIN_INTERVAL = Duration.ofSeconds(5);
    private static final Pattern URL_SECRET = Pattern.compile("(?i)([?&](password|sslpassword)=)[^&]*");
    private static final Pattern USER_INFO = Pattern.compile("//[^/@?]*@");

    public ClusterConfig {
        Checks.notBlank("jdbcUrl", jdbcUrl);
        if (!jdbcUrl.startsWith("jdbc:postgresql://")) {
            throw new InvalidConfigException("jdbcUrl", "'" + redact(jdbcUrl)
                    + "' is not a PostgreSQL JDBC URL: write jdbc:postgresql://HOST:PORT/DATABASE");
        }
        if (username != null && username.isBlank()) {
            throw new InvalidConfigException("username", "is empty: leave it out to use the URL's or the server's default");
        }
        if (password != null && passwordFile != null) {
            throw new InvalidConfigException("passwordFile", "give either password or passwordFile, not both");
        }
        if (passwordFile != null) {
            password = readPasswordFile(passwordFile);
        }
        checkinInterval = checkinInterval == null ? DEFAULT_CHECKIN_INTERVAL : checkinInterval;
        if (checkinInterval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new InvalidConfigException("checkinInterval", "must be at least 1s");
        }
        if (checkinInterval.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new InvalidConfigException("checkinInterval", "must be at most 5m: a dead replica's accounts wait that long");
        }
    }

    /** The URL with any password in its query or user part replaced, for logs and errors. */
    public String safeUrl() {
        return redact(jdbcUrl);
    }

    private static String redact(String url) {
        String noQuerySecret = URL_SECRET.matcher(url).replaceAll("$1" + Secret.REDACTED);
        return USER_INFO.matcher(noQuerySecret).replaceFirst("//" + Secret.REDACTED + "@");
    }

    private static Secret readPasswordFile(Path file) {
        try {
            return Secret.of(Files.readString(file, StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            throw new InvalidConfigException("passwordFile", "cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
        }
    }
}
