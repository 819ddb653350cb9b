package io.llmload.operator.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn.Type;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A load test run by the operator. The columns are declared on the class because they read nested status fields;
 * Age is repeated explicitly since Kubernetes drops its default column once any column is declared. The name
 * becomes the runner Job's ({@code <name>-runners}) and its pods' hostnames ({@code <name>-runners-<index>}), which
 * must be DNS labels of at most 63 characters: the API server refuses names that cannot (CEL rules below).
 */
@ValidationRule(value = "size(self.metadata.name) <= " + LlmLoadTest.MAX_NAME_LENGTH,
        message = "metadata.name: at most " + LlmLoadTest.MAX_NAME_LENGTH + " characters, so that the runner pods' "
                + "hostnames (<name>-runners-<index>) stay within 63", reason = "FieldValueInvalid")
// The API server already makes names DNS-1123 subdomains; without '.' a subdomain is a DNS label. (contains, not a
// regex: metadata.name has no declared maxLength, so a regex would be costed on a 3 MiB string.)
@ValidationRule(value = "!self.metadata.name.contains('.')",
        message = "metadata.name: no '.', only lower-case letters, digits and '-': it names the runner pods' "
                + "hostnames", reason = "FieldValueInvalid")
@Group(LlmLoadTest.GROUP)
@Version(LlmLoadTest.VERSION)
@Kind(LlmLoadTest.KIND)
@Plural(LlmLoadTest.PLURAL)
@ShortNames("llt")
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase", type = Type.STRING)
@AdditionalPrinterColumn(name = "Verdict", jsonPath = ".status.verdict", type = Type.STRING)
@AdditionalPrinterColumn(name = "Progress", jsonPath = ".status.progress.percent", type = Type.INTEGER,
        getDescription = "Percent of the planned duration elapsed, while running")
@AdditionalPrinterColumn(name = "TTFT-P95", jsonPath = ".status.summary.ttftP95Ms", type = Type.NUMBER,
        getDescription = "p95 time to first token, ms")
@AdditionalPrinterColumn(name = "ITL-P95", jsonPath = ".status.summary.itlP95Ms", type = Type.NUMBER,
        getDescription = "p95 inter-token latency, ms")
@AdditionalPrinterColumn(name = "RPS", jsonPath = ".status.summary.requestsPerSecond", type = Type.NUMBER,
        getDescription = "Completed requests per second")
@AdditionalPrinterColumn(name = "Errors", jsonPath = ".status.summary.errorRate", type = Type.NUMBER,
        getDescription = "Error rate, 0..1")
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = Type.DATE)
public class LlmLoadTest extends CustomResource<LlmLoadTestSpec, LlmLoadTestStatus> implements Namespaced {

    public static final String GROUP = "llmload.io";
    public static final String VERSION = "v1alpha1";
    public static final String KIND = "LlmLoadTest";
    public static final String PLURAL = "llmloadtests";
    public static final String CRD_NAME = PLURAL + "." + GROUP;
    /** 63 (a DNS label) minus "-runners-" and a two-digit runner index ({@link RunnersSpec#MAX_REPLICAS}). */
    public static final int MAX_NAME_LENGTH = 52;
    /** The order kubectl shows the columns in (the generator sorts them; the committed CRD restores this). */
    public static final java.util.List<String> PRINTER_COLUMNS = java.util.List.of("Phase", "Verdict", "Progress", "TTFT-P95",
            "ITL-P95", "RPS", "Errors", "Age");
}
