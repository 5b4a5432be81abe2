package io.usercanary.config;

/** A configuration that cannot be used; the message is one line: {@code file:line: key: what is wrong}. */
public final class ConfigException extends Exception {
    public ConfigException(String message) {
        super(oneLine(message));
    }

    /** A line break inside a quoted value must not split the message (nor forge a second log line). */
    private static String oneLine(String message) {
        return message.replace("\r", "\\r").replace("\n", "\\n");
    }

    public static ConfigException at(String file, int line, ConfigPath path, String problem) {
        String where = line > 0 ? file + ":" + line : file;
        String key = path.segments().isEmpty() ? "" : path + ": ";
        return new ConfigException(where + ": " + key + problem);
    }
}
