package io.llmload.runner.simulator;

import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;

/**
 * The simulator served over https: a PEM certificate and key, and optionally a CA whose client certificates it
 * requires (mutual TLS), like an inference server behind a TLS-terminating gateway.
 *
 * @param clientCaFile null: no client certificate asked for
 */
public record ServerTls(String certFile, String keyFile, String clientCaFile) {

    void applyTo(HttpServerOptions options) {
        options.setSsl(true).setKeyCertOptions(new PemKeyCertOptions().setCertPath(certFile).setKeyPath(keyFile));
        if (clientCaFile != null) {
            options.setTrustOptions(new PemTrustOptions().addCertPath(clientCaFile))
                    .setClientAuth(ClientAuth.REQUIRED);
        }
    }
}
