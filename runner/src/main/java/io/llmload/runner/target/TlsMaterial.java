package io.llmload.runner.target;

import io.llmload.runner.spec.TlsSpec;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.TrustOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS side of a target, loaded once from PEM files: the CA bundle to trust (default: the JVM's trust store), an
 * optional client certificate and key (mutual TLS), or {@code insecureSkipVerify}. Vert.x parses the PEM (PKCS#8,
 * PKCS#1 and SEC1 keys) for both clients that talk to the target: the engine's Vert.x client and the JDK client that
 * scrapes its metrics. Files are read when loaded, so a missing or broken file fails before any request.
 */
public final class TlsMaterial {

    private final TrustManagerFactory trust;
    private final PemKeyCertOptions keyCert;
    private final boolean insecure;
    private final String caFile;

    private TlsMaterial(TrustManagerFactory trust, PemKeyCertOptions keyCert, boolean insecure, String caFile) {
        this.trust = trust;
        this.keyCert = keyCert;
        this.insecure = insecure;
        this.caFile = caFile;
    }

    /** Loads the files a TLS section names (local paths); null or empty section: the JVM's defaults. */
    public static TlsMaterial load(TlsSpec spec) {
        if (spec == null) {
            return new TlsMaterial(null, null, false, null);
        }
        TrustManagerFactory trust = spec.caFile() == null ? null : caBundle(spec.caFile());
        PemKeyCertOptions keyCert = null;
        if (spec.clientCertFile() != null || spec.clientKeyFile() != null) {
            if (spec.clientCertFile() == null || spec.clientKeyFile() == null) {
                throw new TargetSetupException("spec.target.tls: mutual TLS needs both clientCertFile and "
                        + "clientKeyFile");
            }
            PemKeyCertOptions pair = new PemKeyCertOptions()
                    .setCertValue(read("spec.target.tls.clientCertFile", spec.clientCertFile()))
                    .setKeyValue(read("spec.target.tls.clientKeyFile", spec.clientKeyFile()));
            check("spec.target.tls.clientKeyFile", spec.clientKeyFile(), () -> pair.getKeyManagerFactory(null));
            keyCert = pair;
        }
        return new TlsMaterial(trust, keyCert, spec.insecure(), spec.caFile());
    }

    public boolean insecureSkipVerify() {
        return insecure;
    }

    public boolean clientCertificate() {
        return keyCert != null;
    }

    /** The CA bundle's file, or null for the JVM's trust store. */
    public String caFile() {
        return caFile;
    }

    /** TLS on a Vert.x client: trust, client certificate, host name verification (off only when insecure). */
    public void applyTo(HttpClientOptions options) {
        options.setSsl(true);
        if (insecure) {
            options.setTrustAll(true).setVerifyHost(false);
        } else {
            options.setTrustAll(false).setVerifyHost(true);
            if (trust != null) {
                options.setTrustOptions(TrustOptions.wrap(trust));
            }
        }
        if (keyCert != null) {
            options.setKeyCertOptions(keyCert.copy());
        }
    }

    /** The CA bundle as a trust store (the JDK reads concatenated PEM certificates). */
    private static TrustManagerFactory caBundle(String file) {
        String field = "spec.target.tls.caFile";
        Buffer pem = read(field, file);
        try {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes()));
            if (certificates.isEmpty()) {
                throw new TargetSetupException(field + ": " + file + " holds no PEM certificate");
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate certificate : certificates) {
                store.setCertificateEntry("ca-" + i++, certificate);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return factory;
        } catch (GeneralSecurityException | IOException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new TargetSetupException(field + ": " + file + " is not usable PEM (" + why + ")");
        }
    }

    private static Buffer read(String field, String file) {
        try {
            return Buffer.buffer(Files.readAllBytes(Path.of(file)));
        } catch (NoSuchFileException e) {
            throw new TargetSetupException(field + ": file not found: " + file);
        } catch (IOException | RuntimeException e) {
            throw new TargetSetupException(field + ": cannot read " + file + ": " + e.getMessage());
        }
    }

    private interface Loader {
        Object load() throws Exception;
    }

    private static void check(String field, String file, Loader loader) {
        try {
            loader.load();
        } catch (Exception e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new TargetSetupException(field + ": " + file + " is not usable PEM (" + why + ")");
        }
    }
}
