package io.usercanary.config;

import com.fasterxml.jackson.core.JsonPointer;

/** Validation of the JSON Pointers used in assertions and token locations. */
final class JsonPointers {
    private JsonPointers() {}

    static String check(ConfigPath where, String pointer) {
        if (pointer == null || pointer.isEmpty() || pointer.charAt(0) != '/') {
            throw new InvalidConfigException(where, Checks.quoted(pointer) + " is not a JSON Pointer; it starts with '/', like /widgets/0/id");
        }
        try {
            JsonPointer.compile(pointer);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException(where, Checks.quoted(pointer) + " is not a valid JSON Pointer: " + e.getMessage());
        }
        if (pointer.matches(".*~[^01].*|.*~$")) {
            throw new InvalidConfigException(where, Checks.quoted(pointer) + " has a '~' not followed by 0 or 1 (write ~0 for '~', ~1 for '/')");
        }
        return pointer;
    }
}
