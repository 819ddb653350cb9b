package io.llmload.operator.validation;

import io.llmload.operator.config.OperatorConfig;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a test may make the operator touch on its behalf (the operator's configuration, not the test's): namespaces
 * besides its own whose pods, Services and series it may read, hosts it may fetch metrics from, runner images and
 * ServiceAccounts. Without such a policy anyone allowed to create an LlmLoadTest could have the operator list pods and
 * GET URLs anywhere in the cluster, or run pods with another workload's identity — a confused deputy.
 */
public record AccessPolicy(Set<String> allowedNamespaces, List<String> allowedMetricsHosts, String defaultImage,
        List<String> allowedImages, Set<String> allowedServiceAccounts) {

    public static final String NAMESPACES_SETTING = "llmload.allowed-namespaces";
    public static final String HOSTS_SETTING = "llmload.allowed-metrics-hosts";
    public static final String IMAGES_SETTING = "llmload.runner.allowed-images";
    public static final String SERVICE_ACCOUNTS_SETTING = "llmload.runner.allowed-service-accounts";

    public AccessPolicy {
        allowedNamespaces = Set.copyOf(allowedNamespaces);
        allowedMetricsHosts = allowedMetricsHosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
        allowedImages = List.copyOf(allowedImages);
        allowedServiceAccounts = Set.copyOf(allowedServiceAccounts);
    }

    public static AccessPolicy of(OperatorConfig config) {
        return new AccessPolicy(new TreeSet<>(config.allowedNamespaces().orElse(List.of())),
                config.allowedMetricsHosts().orElse(List.of()), config.runner().image(),
                config.runner().allowedImages().orElse(List.of()),
                new TreeSet<>(config.runner().allowedServiceAccounts().orElse(List.of())));
    }

    /** The policy in effect (read like {@link OperatorConfig#current()}, so static callers need no injection). */
    public static AccessPolicy current() {
        return of(OperatorConfig.current());
    }

    public boolean namespaceAllowed(String testNamespace, String namespace) {
        return namespace == null || namespace.equals(testNamespace) || allowedNamespaces.contains(namespace);
    }

    /**
     * Why the operator may not fetch {@code url} for a test in {@code testNamespace}, or empty when it may. Allowed:
     * a Service of the test's namespace or an allowed one, written with its namespace ({@code svc.ns},
     * {@code svc.ns.svc}, {@code svc.ns.svc.cluster.local}), or a host the configuration lists. A bare name like
     * {@code vllm} is refused: from the operator's pod it resolves in the operator's namespace, not the test's.
     */
    public Optional<String> urlRefusal(String testNamespace, String url) {
        String host;
        try {
            host = URI.create(url.trim()).getHost();
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // not a URL at all: the manifest checks name that problem
        }
        if (host == null) {
            return Optional.empty();
        }
        host = host.toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1); // IPv6 literal
        }
        if (hostListed(host)) {
            return Optional.empty();
        }
        Optional<String> namespace = serviceNamespace(host);
        if (namespace.isPresent() && namespaceAllowed(testNamespace, namespace.get())) {
            return Optional.empty();
        }
        String why = host.indexOf('.') < 0 && host.indexOf(':') < 0
                ? "has no namespace (from the operator's pod it would resolve in the operator's namespace)"
                : "is outside the test's namespace";
        return Optional.of("host '" + host + "' " + why + ": the operator reads metrics only from Services of the "
                + "test's namespace, written <service>." + testNamespace + ".svc" + allowedSuffix());
    }

    public boolean imageAllowed(String image) {
        if (image == null || image.equals(defaultImage)) {
            return true;
        }
        return allowedImages.stream().anyMatch(allowed -> allowed.endsWith("*")
                ? image.startsWith(allowed.substring(0, allowed.length() - 1)) : image.equals(allowed));
    }

    public boolean serviceAccountAllowed(String serviceAccount) {
        return serviceAccount == null || serviceAccount.isEmpty() || allowedServiceAccounts.contains(serviceAccount);
    }

    /** What else is allowed today, and the settings an administrator would change to allow more. */
    private String allowedSuffix() {
        String namespaces = allowedNamespaces.isEmpty() ? "" : " (or of " + String.join(", ", allowedNamespaces) + ")";
        String hosts = allowedMetricsHosts.isEmpty() ? "" : ", or from " + String.join(", ", allowedMetricsHosts);
        return namespaces + hosts + "; the operator's administrator can allow more with " + NAMESPACES_SETTING
                + " or " + HOSTS_SETTING;
    }

    private boolean hostListed(String host) {
        return allowedMetricsHosts.stream().anyMatch(allowed -> allowed.equals("*") || allowed.equals(host)
                || allowed.startsWith("*.") && host.endsWith(allowed.substring(1)));
    }

    /** The namespace of a Service DNS name ({@code svc.ns[.svc[.<cluster domain>]]}), if the host is one. */
    static Optional<String> serviceNamespace(String host) {
        String[] labels = host.split("\\.");
        boolean svcForm = labels.length >= 3 && labels[2].equals("svc");
        if (labels.length == 2 && !isIpv4(host) || svcForm) {
            return Optional.of(labels[1]);
        }
        return Optional.empty();
    }

    private static boolean isIpv4(String host) {
        return host.chars().allMatch(c -> c == '.' || Character.isDigit(c));
    }
}
