package io.llmload.operator.rbac;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * One Kubernetes API request as the API server's authorizer sees it: the RBAC attributes (API group, resource,
 * subresource, verb, namespace, name) derived from the HTTP method and path the same way the apiserver's
 * RequestInfoFactory does, or a non-resource URL such as {@code /version}.
 *
 * @param group API group, "" for the core group
 * @param resource plural resource name, null for a non-resource URL
 * @param subresource "status", "finalizers"... or null
 * @param name the object name for item requests, else null
 * @param path the non-resource URL path (only when resource is null)
 */
public record ApiAccess(String verb, String group, String resource, String subresource, String namespace, String name,
        String path) {

    /** Subresources of a Namespace: /api/v1/namespaces/{name}/status is the namespace's own status. */
    private static final Set<String> NAMESPACE_SUBRESOURCES = Set.of("status", "finalize");

    public static ApiAccess of(String method, String target) {
        URI uri = URI.create(target);
        String path = uri.getRawPath();
        List<String> parts = Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
        String group;
        List<String> rest;
        if (parts.size() >= 2 && parts.get(0).equals("api")) {
            group = "";
            rest = parts.subList(2, parts.size());
        } else if (parts.size() >= 3 && parts.get(0).equals("apis")) {
            group = parts.get(1);
            rest = parts.subList(3, parts.size());
        } else {
            return new ApiAccess(method.toLowerCase(java.util.Locale.ROOT), null, null, null, null, null, path);
        }
        if (rest.isEmpty()) {
            // Discovery (/api/v1, /apis/llmload.io/v1alpha1) is a non-resource URL.
            return new ApiAccess(method.toLowerCase(java.util.Locale.ROOT), null, null, null, null, null, path);
        }
        boolean watchPrefix = rest.get(0).equals("watch");
        if (watchPrefix) {
            rest = rest.subList(1, rest.size());
        }
        String namespace = null;
        if (rest.get(0).equals("namespaces") && rest.size() > 1) {
            namespace = rest.get(1);
            if (rest.size() > 2 && !NAMESPACE_SUBRESOURCES.contains(rest.get(2))) {
                rest = rest.subList(2, rest.size());
            }
        }
        String resource = rest.get(0);
        String name = rest.size() > 1 ? rest.get(1) : null;
        String subresource = rest.size() > 2 ? rest.get(2) : null;
        if ("namespaces".equals(resource) && namespace != null && name != null && name.equals(namespace)) {
            namespace = null;
        }
        boolean watch = watchPrefix || query(uri, "watch").map(v -> v.equals("true") || v.equals("1")).orElse(false);
        String verb = switch (method.toUpperCase(java.util.Locale.ROOT)) {
            case "GET", "HEAD" -> watch ? "watch" : name == null ? "list" : "get";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> name == null ? "deletecollection" : "delete";
            default -> method.toLowerCase(java.util.Locale.ROOT);
        };
        return new ApiAccess(verb, group, resource, subresource, namespace, name, null);
    }

    public boolean isResource() {
        return resource != null;
    }

    /** resource or resource/subresource, as written in a Role's resources list. */
    String resourceWithSubresource() {
        return subresource == null ? resource : resource + "/" + subresource;
    }

    /** What an RBAC rule must grant: group, resource[/subresource], verb (names and namespaces aside). */
    public String permission() {
        if (!isResource()) {
            return verb + " " + path;
        }
        return (group.isEmpty() ? "core" : group) + " " + resourceWithSubresource() + " " + verb;
    }

    @Override
    public String toString() {
        if (!isResource()) {
            return verb + " " + path;
        }
        return permission() + (namespace == null ? " (cluster-wide)" : " in " + namespace)
                + (name == null ? "" : " name=" + name);
    }

    private static java.util.Optional<String> query(URI uri, String key) {
        String query = uri.getRawQuery();
        if (query == null) {
            return java.util.Optional.empty();
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            if (k.equals(key)) {
                return java.util.Optional.of(eq < 0 ? "" : pair.substring(eq + 1));
            }
        }
        return java.util.Optional.empty();
    }
}
