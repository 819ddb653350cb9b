package io.llmload.operator.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn.Type;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A load test run by the operator. The columns are declared on the class because they read nested status fields;
 * Age is repeated explicitly since Kubernetes drops its default column once any column is declared.
 */
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
    /** The order kubectl shows the columns in (the generator sorts them; the committed CRD restores this). */
    public static final java.util.List<String> PRINTER_COLUMNS = java.util.List.of("Phase", "Verdict", "Progress", "TTFT-P95",
            "ITL-P95", "RPS", "Errors", "Age");
}
