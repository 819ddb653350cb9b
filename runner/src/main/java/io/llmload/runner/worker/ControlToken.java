package io.llmload.runner.worker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The shared secret that lets only a test's operator control its runners: the operator generates it, keeps it in a
 * Secret it owns, and sends it as {@code Authorization: Bearer <token>}; each runner reads it from a mounted file
 * and admits a control call only when the header carries it. {@link #toString()} never shows the value, so a token
 * that ends up in a log line or an exception message by mistake still does not leak.
 */
public final class ControlToken {

    /** 32 random bytes: 256 bits, as the issue asks; written URL-safe base64 (43 characters). */
    static final int RANDOM_BYTES = 32;
    /** Shorter values are refused, so a token file holding a placeholder does not pass for a secret. */
    static final int MIN_LENGTH = 32;
    private static final String SCHEME = "Bearer ";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String value;
    private final byte[] digest;

    private ControlToken(String value) {
        this.value = value;
        this.digest = sha256(value);
    }

    /** A fresh random token. */
    public static ControlToken generate() {
        byte[] bytes = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(bytes);
        return new ControlToken(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /**
     * A token read back (from the Secret, or a file): surrounding whitespace is ignored.
     *
     * @throws IllegalArgumentException when it is too short to be one this class generated
     */
    public static ControlToken of(String value) {
        String trimmed = value == null ? "" : value.strip();
        if (trimmed.length() < MIN_LENGTH) {
            throw new IllegalArgumentException("a control token has at least " + MIN_LENGTH + " characters, this one "
                    + trimmed.length());
        }
        return new ControlToken(trimmed);
    }

    /** Reads the token the operator mounted into the runner pod. */
    public static ControlToken read(Path file) throws IOException {
        return of(Files.readString(file, StandardCharsets.UTF_8));
    }

    /** The value to store in the Secret; use nowhere else. */
    public String value() {
        return value;
    }

    /** The {@code Authorization} header value a control call carries. */
    public String authorization() {
        return SCHEME + value;
    }

    /**
     * Whether an {@code Authorization} header carries this token. Compares SHA-256 digests with {@link
     * MessageDigest#isEqual} (constant time), so neither the bytes nor the length of the token can be learned from
     * how long a refusal takes.
     */
    public boolean admits(String authorizationHeader) {
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return false;
        }
        return MessageDigest.isEqual(digest, sha256(authorizationHeader.substring(SCHEME.length()).strip()));
    }

    @Override
    public String toString() {
        return "ControlToken[redacted]";
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
