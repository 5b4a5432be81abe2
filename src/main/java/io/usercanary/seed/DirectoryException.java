package io.usercanary.seed;

/** firebase-admin refused or failed an account operation; the message names the operation and Firebase's code. */
public final class DirectoryException extends Exception {
    public DirectoryException(String message) {
        super(message, null, false, false);
    }
}
