package io.llmload.operator.rbac;

import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The rules of a ClusterRole, evaluated as the RBAC authorizer does: a request is allowed when one rule matches its
 * API group, resource (with subresource), verb and, if the rule names objects, the object name ({@code *} matches
 * anything). A ClusterRole bound by a ClusterRoleBinding applies in every namespace and to cluster-scoped objects.
 */
public final class RoleRules {

    private final List<PolicyRule> rules;

    private RoleRules(List<PolicyRule> rules) {
        this.rules = rules;
    }

    /** The rules of the ClusterRole or Role in a manifest file. */
    public static RoleRules load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            ClusterRole role = Serialization.unmarshal(in, ClusterRole.class);
            return of(role.getRules());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static RoleRules of(List<PolicyRule> rules) {
        return new RoleRules(rules == null ? List.of() : rules);
    }

    public List<PolicyRule> rules() {
        return rules;
    }

    public boolean allows(ApiAccess access) {
        return rules.stream().anyMatch(rule -> matches(rule, access));
    }

    static boolean matches(PolicyRule rule, ApiAccess access) {
        if (!access.isResource()) {
            return contains(rule.getNonResourceURLs(), access.path()) && contains(rule.getVerbs(), access.verb());
        }
        if (!contains(rule.getApiGroups(), access.group()) || !contains(rule.getVerbs(), access.verb())
                || !contains(rule.getResources(), access.resourceWithSubresource())) {
            return false;
        }
        List<String> names = rule.getResourceNames();
        // resourceNames restrict requests that name an object; list, watch and create never match them.
        return names == null || names.isEmpty() || access.name() != null && names.contains(access.name());
    }

    /** Every "group resource verb" the rules grant, for the check that nothing is granted without a reason. */
    Set<String> grants() {
        Set<String> grants = new TreeSet<>();
        for (PolicyRule rule : rules) {
            for (String group : orEmpty(rule.getApiGroups())) {
                for (String resource : orEmpty(rule.getResources())) {
                    for (String verb : orEmpty(rule.getVerbs())) {
                        grants.add((group.isEmpty() ? "core" : group) + " " + resource + " " + verb);
                    }
                }
            }
            for (String url : orEmpty(rule.getNonResourceURLs())) {
                for (String verb : orEmpty(rule.getVerbs())) {
                    grants.add(verb + " " + url);
                }
            }
        }
        return grants;
    }

    /** Wildcards grant what nobody reviewed: none are allowed. */
    List<String> wildcards() {
        List<String> found = new ArrayList<>();
        for (PolicyRule rule : rules) {
            for (List<String> values : List.of(orEmpty(rule.getApiGroups()), orEmpty(rule.getResources()),
                    orEmpty(rule.getVerbs()), orEmpty(rule.getNonResourceURLs()))) {
                values.stream().filter(v -> v.contains("*")).forEach(v -> found.add(v + " in " + rule));
            }
        }
        return found;
    }

    private static boolean contains(List<String> values, String value) {
        return values != null && (values.contains(value) || values.contains("*"));
    }

    private static List<String> orEmpty(List<String> values) {
        return values == null ? List.of() : values;
    }
}
