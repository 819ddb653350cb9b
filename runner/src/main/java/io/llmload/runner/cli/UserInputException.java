package io.llmload.runner.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;

/** A problem the user can fix (a flag, a file, an environment variable): one line, exit code 2. */
public final class UserInputException extends RuntimeException {

    public UserInputException(String message) {
        super(message);
    }

    /** An output directory that cannot be written, e.g. "cannot write reports to /x: permission denied (/x)". */
    static UserInputException cannotWrite(String what, Path dir, IOException e) {
        String reason = e instanceof AccessDeniedException ? "permission denied"
                : e instanceof FileAlreadyExistsException ? "a file is in the way"
                : e instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason()
                : e.getClass().getSimpleName();
        String file = e instanceof FileSystemException fs && fs.getFile() != null ? " (" + fs.getFile() + ")" : "";
        return new UserInputException("cannot write " + what + " to " + dir + ": " + reason + file);
    }
}
