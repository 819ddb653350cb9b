package io.llmload.operator.dependent;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.GarbageCollected;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.llmload.operator.api.v1alpha1.LlmLoadTest;
import io.llmload.operator.api.v1alpha1.RunnersSpec;
import io.llmload.operator.config.OperatorConfig;
import io.llmload.runner.cli.WorkerCommand;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The indexed Job of runner pods: one pod per runner, {@code JOB_COMPLETION_INDEX} picks its share. No retries
 * (a runner that dies loses its measurements; the test fails instead of silently re-running a share). Pods run as
 * a fixed non-root user with a read-only root filesystem, no capabilities, no service account token (runners never
 * call the Kubernetes API); /tmp is a size-limited emptyDir for Vert.x; the control token is a Secret volume
 * ({@link RunnerTokenSecretDependent}); datasets from ConfigMaps or volumes are mounted read-only ({@link
 * DatasetMounts}), so are TLS files and a tokenizer ({@link TargetMounts}); placement and extras come from
 * {@code spec.runners} ({@link RunnerPodPlacement}). Created once, never updated (a Job's pod template is
 * immutable). activeDeadlineSeconds and ttlSecondsAfterFinished ({@link PlannedRun}) end it even without the
 * operator.
 */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_SELECTOR))
public class RunnerJobDependent extends KubernetesDependentResource<Job, LlmLoadTest>
        implements Creator<Job, LlmLoadTest>, GarbageCollected<LlmLoadTest> {

    static final String PLAN_DIR = "/etc/llmload";
    static final String API_KEY_ENV = "LLMLOAD_API_KEY";
    /** Where {@code llmload worker} reads the token by default ({@link WorkerCommand#DEFAULT_TOKEN_FILE}). */
    static final Path TOKEN_FILE = Path.of(WorkerCommand.DEFAULT_TOKEN_FILE);
    /** Readable by the container's user without fsGroup (which would re-own dataset volumes); no other reader. */
    private static final int TOKEN_FILE_MODE = 0444;

    public RunnerJobDependent() {
        super(Job.class);
    }

    @Override
    protected Job desired(LlmLoadTest test, Context<LlmLoadTest> context) {
        OperatorConfig.Runner config = OperatorConfig.current().runner();
        RunnersSpec runners = test.getSpec().getRunners() == null ? new RunnersSpec() : test.getSpec().getRunners();
        int replicas = WorkerPlans.replicas(test);
        Map<String, String> labels = Labels.of(test);
        PlannedRun run = PlannedRun.from(context);
        Job job = new JobBuilder()
                .withNewMetadata()
                .withName(Labels.job(test))
                .withNamespace(test.getMetadata().getNamespace())
                .withLabels(labels)
                .endMetadata()
                .withNewSpec()
                .withCompletionMode("Indexed")
                .withCompletions(replicas)
                .withParallelism(replicas)
                .withBackoffLimit(0)
                // Backstops for an operator that is gone: Kubernetes stops the pods, then removes the Job.
                .withActiveDeadlineSeconds(run.jobActiveDeadlineSeconds())
                .withTtlSecondsAfterFinished(run.jobTtlSecondsAfterFinished())
                .withNewTemplate()
                .withNewMetadata().withLabels(labels).endMetadata()
                .withNewSpec()
                .withRestartPolicy("Never")
                .withServiceAccountName(runners.getServiceAccountName())
                .withAutomountServiceAccountToken(false)
                .withImagePullSecrets(runners.getImagePullSecrets())
                .withNewSecurityContext()
                .withRunAsNonRoot(true)
                .withRunAsUser(config.runAsUser())
                .withRunAsGroup(config.runAsUser())
                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                .endSecurityContext()
                .withContainers(container(test, runners))
                .addNewVolume().withName("plan").withNewConfigMap().withName(Labels.planConfigMap(test))
                .endConfigMap().endVolume()
                .addNewVolume().withName("control-token").withNewSecret()
                .withSecretName(Labels.runnerTokenSecret(test)).withDefaultMode(TOKEN_FILE_MODE)
                .addNewItem().withKey(RunnerTokenSecretDependent.KEY).withPath(TOKEN_FILE.getFileName().toString())
                .endItem().endSecret().endVolume()
                .addNewVolume().withName("tmp").withNewEmptyDir().withSizeLimit(new Quantity(config.scratchSizeLimit()))
                .endEmptyDir().endVolume()
                .addAllToVolumes(DatasetMounts.of(test).stream().map(DatasetMounts.Mount::volume).toList())
                .addAllToVolumes(TargetMounts.of(test).stream().map(TargetMounts.Mount::volume).toList())
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
        // Node selector, tolerations, affinity, labels, annotations, env, volumes: spec.runners, passed through.
        RunnerPodPlacement.apply(runners, job);
        return job;
    }

    /** Which cached Job is this one, without building the desired Job. */
    @Override
    protected ResourceID targetSecondaryResourceID(LlmLoadTest test, Context<LlmLoadTest> context) {
        return new ResourceID(Labels.job(test), test.getMetadata().getNamespace());
    }

    private Container container(LlmLoadTest test, RunnersSpec runners) {
        OperatorConfig.Runner defaults = OperatorConfig.current().runner();
        int port = defaults.controlPort();
        List<String> args = new ArrayList<>(List.of("worker", "--plan", PLAN_DIR + "/" + PlanConfigMapDependent.KEY));
        List<ContainerPort> ports = new ArrayList<>(List.of(new ContainerPortBuilder().withName("control")
                .withContainerPort(port).build()));
        if (defaults.metricsPort() > 0) {
            args.addAll(List.of("--metrics-port", Integer.toString(defaults.metricsPort())));
            // Named, so that the PodMonitor selects it by name (config/prometheus/runner_pod_monitor.yaml).
            ports.add(new ContainerPortBuilder().withName("metrics").withContainerPort(defaults.metricsPort())
                    .build());
        }
        return new ContainerBuilder()
                .withName("runner")
                .withImage(runners.getImage() == null ? defaults.image() : runners.getImage())
                .withArgs(args)
                .withEnv(env(test))
                .withPorts(ports)
                .withNewReadinessProbe()
                .withNewHttpGet().withPath("/ready").withNewPort(port).endHttpGet()
                .withPeriodSeconds(2)
                .endReadinessProbe()
                .withResources(resources(runners.getResources()))
                .withNewSecurityContext()
                .withAllowPrivilegeEscalation(false)
                .withReadOnlyRootFilesystem(true)
                .withNewCapabilities().withDrop("ALL").endCapabilities()
                .endSecurityContext()
                .addNewVolumeMount().withName("plan").withMountPath(PLAN_DIR).withReadOnly(true).endVolumeMount()
                .addNewVolumeMount().withName("control-token").withMountPath(TOKEN_FILE.getParent().toString())
                .withReadOnly(true).endVolumeMount()
                .addNewVolumeMount().withName("tmp").withMountPath("/tmp").endVolumeMount()
                .addAllToVolumeMounts(DatasetMounts.of(test).stream().map(DatasetMounts.Mount::volumeMount).toList())
                .addAllToVolumeMounts(TargetMounts.of(test).stream().map(TargetMounts.Mount::volumeMount).toList())
                // A runner that cannot start (e.g. the server lists several models) says why in the pod's status.
                .withTerminationMessagePolicy("FallbackToLogsOnError")
                .build();
    }

    /**
     * The runner's JVM. Vert.x caches files under the working directory by default; the root filesystem is read-only.
     * ZGC: a runner's collector pauses stop its timing loops, and every pause is charged to the latencies it measures.
     * With the default 1 GiB the JVM would pick the Serial collector (not a "server-class" machine), whose young pauses
     * copy every open stream's state: 30–130 ms each at 10,000 streams, against under a millisecond for ZGC, whose
     * work runs beside the loops. Half the memory for the heap, not three quarters: ZGC fills its heap before it
     * collects and keeps ~18 % of it again for its own structures (a 768 MB heap committed 930 MB in all, a 512 MB
     * one 665 MB, with 10,000 streams and no allocation stall; docs/benchmarks.md, "Garbage collection").
     * The runner image's entrypoint has the same flags (runner/pom.xml), and a command-line flag wins over this
     * variable: these are for runner images built otherwise. The report sink Job runs the same image.
     */
    static final String RUNNER_JVM_OPTIONS =
            "-Dvertx.cacheDirBase=/tmp/vertx-cache -XX:+UseZGC -XX:MaxRAMPercentage=50";

    private static List<EnvVar> env(LlmLoadTest test) {
        List<EnvVar> env = new ArrayList<>();
        env.add(new EnvVarBuilder().withName("JAVA_TOOL_OPTIONS").withValue(RUNNER_JVM_OPTIONS).build());
        var secret = test.getSpec().getTarget().apiKeySecretRef();
        if (secret != null) {
            env.add(new EnvVarBuilder().withName(API_KEY_ENV).withNewValueFrom().withNewSecretKeyRef()
                    .withName(secret.name()).withKey(secret.key()).endSecretKeyRef().endValueFrom().build());
        }
        env.addAll(TargetMounts.headerEnv(test));
        return env;
    }

    /** The user's resources, or a runner's typical needs: one core and 1 GiB handle thousands of streams. */
    static ResourceRequirements resources(ResourceRequirements requested) {
        if (requested != null) {
            return requested;
        }
        return new ResourceRequirementsBuilder()
                .withRequests(Map.of("cpu", new Quantity("1"), "memory", new Quantity("1Gi")))
                .withLimits(Map.of("memory", new Quantity("1Gi")))
                .build();
    }
}
