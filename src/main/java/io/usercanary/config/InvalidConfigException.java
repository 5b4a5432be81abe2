package io.usercanary.config;

/**
 * Thrown by a config record's constructor: what is wrong, and where relative to that record.
 * The loader prefixes the record's own place in the document and turns it into a {@link ConfigException}.
 */
public final class InvalidConfigException extends IllegalArgumentException {
    private final ConfigPath path;

    public InvalidConfigException(ConfigPath path, String message) {
        super(message);
        this.path = path;
    }

    public InvalidConfigException(String key, String message) {
        this(ConfigPath.of(key), message);
    }

    public ConfigPath path() {
        return path;
    }

    /** The same problem seen from one record further up. */
    public InvalidConfigException under(Object... outer) {
        return new InvalidConfigException(ConfigPath.of(outer).resolve(path), getMessage());
    }
}
