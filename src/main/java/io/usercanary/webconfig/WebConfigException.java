package io.usercanary.webconfig;

/** A web config file that cannot be used; the message is one line naming the file, the line when known, and the key. */
public final class WebConfigException extends Exception {
    public WebConfigException(String message) {
        super(message);
    }
}
