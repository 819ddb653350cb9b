package io.llmload.runner.target;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * PEM files made at test time with the JDK's own keytool (no BouncyCastle): a CA, a server certificate for
 * localhost / 127.0.0.1 signed by it, a client certificate signed by it (mutual TLS), and an unrelated CA (the
 * wrong one). Generated once per JVM into a temporary directory.
 */
public final class TestCertificates {

    private static final String PASSWORD = "changeit";
    private static volatile TestCertificates instance;

    public final Path caCert;
    public final Path serverCert;
    public final Path serverKey;
    public final Path clientCert;
    public final Path clientKey;
    public final Path otherCaCert;

    private TestCertificates(Path dir) throws Exception {
        caCert = dir.resolve("ca.pem");
        otherCaCert = dir.resolve("other-ca.pem");
        serverCert = dir.resolve("server.pem");
        serverKey = dir.resolve("server-key.pem");
        clientCert = dir.resolve("client.pem");
        clientKey = dir.resolve("client-key.pem");
        Path ca = dir.resolve("ca.p12");
        keyPair(ca, "ca", "CN=llmload test CA", "bc:c");
        exportCert(ca, "ca", caCert);
        Path other = dir.resolve("other.p12");
        keyPair(other, "other", "CN=some other CA", "bc:c");
        exportCert(other, "other", otherCaCert);
        signed(dir, ca, "server", "CN=localhost", "san=dns:localhost,ip:127.0.0.1", serverCert, serverKey);
        signed(dir, ca, "client", "CN=llmload-client", "eku=clientAuth", clientCert, clientKey);
    }

    public static TestCertificates get() {
        TestCertificates made = instance;
        if (made == null) {
            synchronized (TestCertificates.class) {
                made = instance;
                if (made == null) {
                    try {
                        Path dir = Files.createTempDirectory("llmload-certs");
                        dir.toFile().deleteOnExit();
                        made = new TestCertificates(dir);
                    } catch (Exception e) {
                        throw new IllegalStateException("cannot generate test certificates: " + e.getMessage(), e);
                    }
                    instance = made;
                }
            }
        }
        return made;
    }

    private static void signed(Path dir, Path ca, String alias, String dname, String ext, Path certPem, Path keyPem)
            throws Exception {
        Path store = dir.resolve(alias + ".p12");
        keyPair(store, alias, dname, null);
        Path request = dir.resolve(alias + ".csr");
        keytool("-certreq", "-alias", alias, "-keystore", store.toString(), "-storepass", PASSWORD,
                "-file", request.toString());
        keytool("-gencert", "-alias", "ca", "-keystore", ca.toString(), "-storepass", PASSWORD,
                "-infile", request.toString(), "-outfile", certPem.toString(), "-rfc", "-validity", "2",
                "-ext", ext);
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, PASSWORD.toCharArray());
        }
        Key key = keys.getKey(alias, PASSWORD.toCharArray());
        Files.writeString(keyPem, pem("PRIVATE KEY", key.getEncoded()));
    }

    private static void keyPair(Path store, String alias, String dname, String ext) throws Exception {
        List<String> args = new ArrayList<>(List.of("-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname",
                "secp256r1", "-dname", dname, "-validity", "2", "-keystore", store.toString(), "-storetype",
                "PKCS12", "-storepass", PASSWORD));
        if (ext != null) {
            args.add("-ext");
            args.add(ext);
        }
        keytool(args.toArray(String[]::new));
    }

    private static void exportCert(Path store, String alias, Path pem) throws Exception {
        keytool("-exportcert", "-rfc", "-alias", alias, "-keystore", store.toString(), "-storepass", PASSWORD,
                "-file", pem.toString());
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException("keytool " + String.join(" ", args) + " failed: " + output);
        }
    }
}
