package io.llmload.runner.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** An HTTP proxy towards the target, overriding HTTPS_PROXY / HTTP_PROXY / NO_PROXY from the environment. */
public record ProxySpec(
        @JsonPropertyDescription("Proxy URL, e.g. http://proxy.corp:3128 (credentials belong in the HTTPS_PROXY "
                + "environment variable, not here).") String url,
        @Size(max = SpecLimits.NO_PROXY_HOSTS)
        @JsonPropertyDescription("Hosts reached directly: names, .domain suffixes, IPv4 CIDRs, or *.") List<String> noProxy,
        @JsonPropertyDescription("true: never use a proxy, whatever the environment says.") Boolean disabled) {
}
