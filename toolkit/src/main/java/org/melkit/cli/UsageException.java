package org.melkit.cli;

/** A command line that does not follow a command's contract: exit status 2, nothing touched. */
final class UsageException extends RuntimeException {
    UsageException(String message) {
        super(message);
    }
}
