package io.llmload.runner.cli;

/** A problem the user can fix (a flag, a file, an environment variable): one line, exit code 2. */
public final class UserInputException extends RuntimeException {

    public UserInputException(String message) {
        super(message);
    }
}
