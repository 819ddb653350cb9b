package io.llmload.runner.target;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * One line for a failure to reach the target, saying what kind of failure it is — refused, unknown host, TLS
 * handshake (untrusted certificate, wrong host name, client certificate refused) — instead of an exception name.
 */
public final class ConnectionErrors {

    private ConnectionErrors() {
    }

    public static String describe(Throwable error) {
        Throwable root = rootCause(error);
        if (find(error, SSLException.class) != null) {
            return "TLS handshake failed: " + tlsReason(error, root);
        }
        if (find(error, ConnectException.class) != null) {
            return "connection refused: " + message(find(error, ConnectException.class));
        }
        if (find(error, UnknownHostException.class) != null) {
            return "unknown host: " + message(find(error, UnknownHostException.class));
        }
        String text = message(error);
        return error.getClass().getSimpleName() + (text.isEmpty() ? "" : ": " + text);
    }

    private static String tlsReason(Throwable error, Throwable root) {
        String rootText = message(root);
        if (find(error, CertPathValidatorException.class) != null || rootText.contains("PKIX")
                || rootText.contains("unable to find valid certification path")) {
            return "the server's certificate is not trusted (set spec.target.tls.caFile / caSecretRef to the CA "
                    + "that signed it)";
        }
        if (rootText.contains("No subject alternative") || rootText.contains("No name matching")) {
            return "the server's certificate does not name this host (" + rootText + ")";
        }
        if (find(error, CertificateException.class) != null) {
            return "certificate problem: " + rootText;
        }
        if (find(error, SSLHandshakeException.class) != null && rootText.contains("bad_certificate")
                || rootText.contains("certificate_required")) {
            return "the server refused the client certificate (" + rootText + ")";
        }
        return rootText.isEmpty() ? root.getClass().getSimpleName() : rootText;
    }

    private static <T extends Throwable> T find(Throwable error, Class<T> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static Throwable rootCause(Throwable error) {
        Throwable t = error;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private static String message(Throwable t) {
        return t == null || t.getMessage() == null ? "" : t.getMessage();
    }
}
