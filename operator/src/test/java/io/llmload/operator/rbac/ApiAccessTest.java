package io.llmload.operator.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import org.junit.jupiter.api.Test;

/** HTTP requests map to the RBAC attributes the API server's authorizer checks, and rules match as RBAC does. */
class ApiAccessTest {

    @Test
    void methodAndPathBecomeVerbGroupResource() {
        assertThat(ApiAccess.of("GET", "/apis/llmload.io/v1alpha1/llmloadtests?resourceVersion=0").toString())
                .isEqualTo("llmload.io llmloadtests list (cluster-wide)");
        assertThat(ApiAccess.of("GET", "/apis/llmload.io/v1alpha1/llmloadtests?allowWatchBookmarks=true&watch=true")
                .permission()).isEqualTo("llmload.io llmloadtests watch");
        assertThat(ApiAccess.of("GET", "/api/v1/watch/namespaces/a/pods").toString())
                .isEqualTo("core pods watch in a");
        assertThat(ApiAccess.of("GET", "/api/v1/namespaces/a/configmaps/x-report").toString())
                .isEqualTo("core configmaps get in a name=x-report");
        assertThat(ApiAccess.of("PATCH", "/apis/llmload.io/v1alpha1/namespaces/a/llmloadtests/x/status").toString())
                .isEqualTo("llmload.io llmloadtests/status patch in a name=x");
        assertThat(ApiAccess.of("POST", "/apis/batch/v1/namespaces/a/jobs").permission())
                .isEqualTo("batch jobs create");
        assertThat(ApiAccess.of("PUT", "/api/v1/namespaces/a/configmaps/x").permission())
                .isEqualTo("core configmaps update");
        assertThat(ApiAccess.of("DELETE", "/apis/batch/v1/namespaces/a/jobs/x").permission())
                .isEqualTo("batch jobs delete");
        assertThat(ApiAccess.of("DELETE", "/api/v1/namespaces/a/pods?labelSelector=x").permission())
                .isEqualTo("core pods deletecollection");
        assertThat(ApiAccess.of("GET", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/a.b").toString())
                .isEqualTo("apiextensions.k8s.io customresourcedefinitions get (cluster-wide) name=a.b");
        assertThat(ApiAccess.of("GET", "/api/v1/namespaces/a").toString())
                .isEqualTo("core namespaces get (cluster-wide) name=a");
        assertThat(ApiAccess.of("PUT", "/api/v1/namespaces/a/finalize").toString())
                .isEqualTo("core namespaces/finalize update (cluster-wide) name=a");
        ApiAccess version = ApiAccess.of("GET", "/version");
        assertThat(version.isResource()).isFalse();
        assertThat(version.path()).isEqualTo("/version");
        assertThat(ApiAccess.of("GET", "/apis/llmload.io/v1alpha1").isResource()).isFalse();
    }

    @Test
    void rulesMatchGroupResourceSubresourceVerbAndNames() {
        var rule = new PolicyRuleBuilder().withApiGroups("llmload.io").withResources("llmloadtests")
                .withVerbs("get", "patch").build();
        ApiAccess patch = ApiAccess.of("PATCH", "/apis/llmload.io/v1alpha1/namespaces/a/llmloadtests/x");
        ApiAccess statusPatch = ApiAccess.of("PATCH", "/apis/llmload.io/v1alpha1/namespaces/a/llmloadtests/x/status");
        assertThat(RoleRules.matches(rule, patch)).isTrue();
        assertThat(RoleRules.matches(rule, statusPatch)).as("a subresource needs its own entry").isFalse();
        assertThat(RoleRules.matches(rule, ApiAccess.of("DELETE",
                "/apis/llmload.io/v1alpha1/namespaces/a/llmloadtests/x"))).isFalse();
        assertThat(RoleRules.matches(rule, ApiAccess.of("PATCH", "/apis/other.io/v1/namespaces/a/llmloadtests/x")))
                .isFalse();

        var named = new PolicyRuleBuilder().withApiGroups("apiextensions.k8s.io")
                .withResources("customresourcedefinitions").withResourceNames("llmloadtests.llmload.io")
                .withVerbs("get", "list").build();
        assertThat(RoleRules.matches(named, ApiAccess.of("GET",
                "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/llmloadtests.llmload.io"))).isTrue();
        assertThat(RoleRules.matches(named, ApiAccess.of("GET",
                "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/other.io"))).isFalse();
        assertThat(RoleRules.matches(named, ApiAccess.of("GET",
                "/apis/apiextensions.k8s.io/v1/customresourcedefinitions"))).as("list is not by name").isFalse();
    }
}
