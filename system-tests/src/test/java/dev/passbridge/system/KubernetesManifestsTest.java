package dev.passbridge.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.passbridge.contracts.topics.Topic;
import dev.passbridge.contracts.topics.Topics;
import dev.passbridge.platform.secrets.RequiredSecret;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Keeps {@code deploy/k8s} in step with the modules without a cluster: the base and both overlays
 * are rendered (the small Kustomize subset they use, cross-checked against {@code kubectl
 * kustomize} where a kubectl is installed), every object is loaded into fabric8's typed model with
 * no unknown field, and every reference is checked: selectors, ports, probes against what each
 * service's own configuration serves, ConfigMap and Secret keys, autoscalers and budgets, network
 * policies against who talks to whom, the pods' security and resources, and every environment
 * variable against the service's properties (as {@link ComposeFileTest} does for compose).
 */
class KubernetesManifestsTest {
  static final Path K8S = ComposeFileTest.ROOT.resolve("deploy/k8s");
  static final List<String> SERVICES = ComposeFileTest.SERVICES;
  static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
  static final YAMLMapper YAML = YAMLMapper.builder().build();

  static List<String> renderings() {
    return List.of("base", "overlays/local", "overlays/production");
  }

  // ---------------------------------------------------------------- rendering and typed loading

  @ParameterizedTest
  @MethodSource("renderings")
  void everyObjectLoadsIntoTheTypedModelWithNoUnknownField(String dir) {
    List<HasMetadata> objects = typed(dir);
    assertThat(objects).isNotEmpty();
    for (HasMetadata object : objects) {
      assertThat(object)
          .as("%s/%s is a known Kubernetes type", object.getKind(), name(object))
          .isNotInstanceOf(GenericKubernetesResource.class);
      List<String> unknown = new ArrayList<>();
      unknownFields(object, object.getKind() + "/" + name(object), unknown);
      assertThat(unknown).as("fields the model does not know (a typo?)").isEmpty();
    }
    assertThat(kinds(objects))
        .containsExactlyInAnyOrder(
            "ConfigMap",
            "Deployment",
            "HorizontalPodAutoscaler",
            "NetworkPolicy",
            "PodDisruptionBudget",
            "Service");
    assertThat(of(objects, Secret.class)).as("no Secret in the manifests").isEmpty();
  }

  @Test
  void overlaysSetTheirNamespaceImagesAndReplicas() {
    for (String overlay : List.of("overlays/local", "overlays/production")) {
      for (HasMetadata object : typed(overlay)) {
        assertThat(object.getMetadata().getNamespace()).as("%s namespace", overlay).isNotBlank();
      }
    }
    for (HorizontalPodAutoscaler hpa :
        of(typed("overlays/production"), HorizontalPodAutoscaler.class)) {
      assertThat(hpa.getSpec().getMinReplicas())
          .as("production %s: two pods at least, so a disruption leaves one", name(hpa))
          .isGreaterThanOrEqualTo(2);
    }
    Deployment local = deployment(typed("overlays/local"), "auth-service");
    assertThat(local.getSpec().getReplicas()).isEqualTo(1);
    assertThat(local.getSpec().getTemplate().getSpec().getContainers().getFirst().getImage())
        .isEqualTo("passbridge/auth-service:dev");
    Deployment production = deployment(typed("overlays/production"), "auth-service");
    assertThat(production.getSpec().getReplicas()).isEqualTo(4);
    assertThat(production.getSpec().getTemplate().getSpec().getContainers().getFirst().getImage())
        .isEqualTo("registry.example.com/passbridge/auth-service:0.1.0");
    assertThat(configMap(typed("overlays/production"), "passbridge-common").getData())
        .containsEntry("PASSBRIDGE_KAFKA_PARTITIONS", "12")
        .containsEntry("PASSBRIDGE_KAFKA_REPLICATIONFACTOR", "3")
        .containsEntry("PASSBRIDGE_KAFKA_MININSYNCREPLICAS", "2");
    assertThat(configMap(typed("overlays/local"), "passbridge-common").getData())
        .containsEntry("PASSBRIDGE_KAFKA_REPLICATIONFACTOR", "1")
        .as("the base's values a patch leaves alone")
        .containsEntry("PASSBRIDGE_KAFKA_PARTITIONS", "3");
  }

  /** The renderer here implements a subset of Kustomize; where kubectl is installed, both agree. */
  @ParameterizedTest
  @MethodSource("renderings")
  void renderingAgreesWithKubectlKustomize(String dir) throws Exception {
    Optional<List<JsonNode>> kubectl = kubectlKustomize(K8S.resolve(dir));
    Assumptions.assumeTrue(kubectl.isPresent(), "kubectl is not installed");
    assertThat(byIdentity(render(K8S.resolve(dir))))
        .isEqualTo(byIdentity(kubectl.get()))
        .isNotEmpty();
  }

  // ---------------------------------------------------------------- per service

  @ParameterizedTest
  @MethodSource("renderings")
  void everyServiceHasADeploymentAServiceOnItsConfiguredPortAnAutoscalerAndABudget(String dir)
      throws IOException {
    List<HasMetadata> objects = typed(dir);
    assertThat(of(objects, Deployment.class).stream().map(KubernetesManifestsTest::name))
        .containsExactlyInAnyOrderElementsOf(SERVICES);
    for (String service : SERVICES) {
      Deployment deployment = deployment(objects, service);
      Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
      assertThat(matches(deployment.getSpec().getSelector(), podLabels))
          .as("%s selector selects its own pods", service)
          .isTrue();
      Container container = container(deployment);
      int port = ComposeFileTest.configuredPort(service);

      Service svc = find(objects, Service.class, service);
      Map<String, String> selector = svc.getSpec().getSelector();
      List<String> selected =
          of(objects, Deployment.class).stream()
              .filter(
                  d -> labelsMatch(selector, d.getSpec().getTemplate().getMetadata().getLabels()))
              .map(KubernetesManifestsTest::name)
              .toList();
      assertThat(selected)
          .as("Service %s selects exactly its Deployment", service)
          .containsExactly(service);
      ServicePort servicePort = svc.getSpec().getPorts().getFirst();
      assertThat(svc.getSpec().getPorts()).hasSize(1);
      assertThat(servicePort.getPort())
          .as("%s Service port = server.port", service)
          .isEqualTo(port);
      assertThat(resolvePort(container, servicePort.getTargetPort()))
          .as("%s Service targetPort is the container's server.port", service)
          .isEqualTo(port);

      HorizontalPodAutoscaler hpa = find(objects, HorizontalPodAutoscaler.class, service);
      assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
      assertThat(hpa.getSpec().getScaleTargetRef().getApiVersion()).isEqualTo("apps/v1");
      assertThat(of(objects, Deployment.class).stream().map(KubernetesManifestsTest::name))
          .contains(hpa.getSpec().getScaleTargetRef().getName());
      assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo(service);
      assertThat(hpa.getSpec().getMinReplicas())
          .isPositive()
          .isLessThanOrEqualTo(hpa.getSpec().getMaxReplicas());
      assertThat(deployment.getSpec().getReplicas())
          .as("%s replicas within the autoscaler's bounds", service)
          .isBetween(hpa.getSpec().getMinReplicas(), hpa.getSpec().getMaxReplicas());
      MetricSpec metric = hpa.getSpec().getMetrics().getFirst();
      assertThat(metric.getResource().getName()).isEqualTo("cpu");
      assertThat(metric.getResource().getTarget().getType()).isEqualTo("Utilization");
      assertThat(metric.getResource().getTarget().getAverageUtilization()).isBetween(50, 90);

      PodDisruptionBudget pdb = find(objects, PodDisruptionBudget.class, service);
      List<String> budgeted =
          of(objects, Deployment.class).stream()
              .filter(
                  d ->
                      matches(
                          pdb.getSpec().getSelector(),
                          d.getSpec().getTemplate().getMetadata().getLabels()))
              .map(KubernetesManifestsTest::name)
              .toList();
      assertThat(budgeted).as("PodDisruptionBudget %s", service).containsExactly(service);
      assertThat(pdb.getSpec().getMaxUnavailable())
          .as("maxUnavailable, so a one-replica overlay can still drain a node")
          .isEqualTo(new IntOrString(1));
    }
  }

  @ParameterizedTest
  @MethodSource("renderings")
  void probesAskForWhatTheServiceServes(String dir) throws IOException {
    List<HasMetadata> objects = typed(dir);
    for (String service : SERVICES) {
      Container container = container(deployment(objects, service));
      Map<Integer, Set<String>> served =
          servedHealthPaths(
              service,
              resolvedEnvironment(objects, deployment(objects, service))
                  .get("MANAGEMENT_SERVER_PORT"));
      assertThat(served.values().stream().mapToInt(Set::size).sum())
          .as("%s serves liveness and readiness paths", service)
          .isGreaterThanOrEqualTo(2);
      checkProbe(service, container, container.getLivenessProbe(), served, "liveness", "livez");
      checkProbe(service, container, container.getStartupProbe(), served, "liveness", "livez");
      checkProbe(service, container, container.getReadinessProbe(), served, "readiness", "readyz");
    }
  }

  /**
   * The image's HEALTHCHECK asks the server port for HEALTH_PATH: the service must serve it there.
   */
  @ParameterizedTest
  @MethodSource("dev.passbridge.system.ComposeFileTest#services")
  void theImageHealthcheckAsksForAPathServedOnTheServerPort(String service) throws IOException {
    Matcher defaultPath =
        Pattern.compile("ARG HEALTH_PATH=(\\S+)")
            .matcher(Files.readString(ComposeFileTest.ROOT.resolve("Dockerfile")));
    assertThat(defaultPath.find()).as("Dockerfile declares HEALTH_PATH").isTrue();
    JsonNode buildArg =
        ComposeFileTest.COMPOSE.at("/services/" + service + "/build/args/HEALTH_PATH");
    String path = buildArg.isMissingNode() ? defaultPath.group(1) : buildArg.asString();
    assertThat(
            servedHealthPaths(service)
                .getOrDefault(ComposeFileTest.configuredPort(service), Set.of()))
        .as("%s serves the image's HEALTH_PATH %s on server.port", service, path)
        .contains(path);
  }

  @ParameterizedTest
  @MethodSource("renderings")
  void podsRunAsTheImageUserWithAReadOnlyRootAndBoundedResources(String dir) {
    for (Deployment deployment : of(typed(dir), Deployment.class)) {
      String service = name(deployment);
      PodSpec pod = deployment.getSpec().getTemplate().getSpec();
      PodSecurityContext podSecurity = pod.getSecurityContext();
      assertThat(podSecurity.getRunAsNonRoot()).as("%s runAsNonRoot", service).isTrue();
      assertThat(podSecurity.getRunAsUser()).as("the Dockerfile's user").isEqualTo(10001L);
      assertThat(podSecurity.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
      assertThat(pod.getAutomountServiceAccountToken()).as("no API token in the pod").isFalse();
      assertThat(pod.getEnableServiceLinks()).isFalse();
      for (Container container : pod.getContainers()) {
        SecurityContext security = container.getSecurityContext();
        assertThat(security.getRunAsNonRoot()).isTrue();
        assertThat(security.getRunAsUser()).isEqualTo(10001L);
        assertThat(security.getAllowPrivilegeEscalation()).isFalse();
        assertThat(security.getReadOnlyRootFilesystem()).as("%s read-only root", service).isTrue();
        assertThat(security.getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(security.getCapabilities().getAdd()).isNullOrEmpty();
        assertThat(security.getPrivileged()).isNotEqualTo(Boolean.TRUE);

        ResourceRequirements resources = container.getResources();
        for (String resource : List.of("cpu", "memory")) {
          Quantity request = resources.getRequests().get(resource);
          Quantity limit = resources.getLimits().get(resource);
          assertThat(request).as("%s %s request", service, resource).isNotNull();
          assertThat(limit).as("%s %s limit", service, resource).isNotNull();
          assertThat(limit.getNumericalAmount())
              .as("%s %s limit >= request", service, resource)
              .isGreaterThanOrEqualTo(request.getNumericalAmount());
        }
        assertThat(resources.getRequests().get("memory"))
            .as("%s memory is not overcommitted: request = limit", service)
            .isEqualTo(resources.getLimits().get("memory"));

        assertThat(writableDirectory(pod, container, "/tmp"))
            .as("%s: /tmp on an emptyDir (the root is read-only)", service)
            .isTrue();
      }
    }
  }

  @ParameterizedTest
  @MethodSource("renderings")
  void intelligenceServiceKeepsItsStreamsStateOnAWritableVolumeAndScalesWithinThePartitions(
      String dir) {
    List<HasMetadata> objects = typed(dir);
    Deployment deployment = deployment(objects, "intelligence-service");
    Map<String, String> env = resolvedEnvironment(objects, deployment);
    String stateDir = env.get("PASSBRIDGE_INTELLIGENCE_STATEDIR");
    assertThat(stateDir).isNotNull().isNotEqualTo("/tmp");
    PodSpec pod = deployment.getSpec().getTemplate().getSpec();
    assertThat(writableDirectory(pod, container(deployment), stateDir))
        .as("state dir %s on an emptyDir", stateDir)
        .isTrue();
    int partitions = Integer.parseInt(env.get("PASSBRIDGE_KAFKA_PARTITIONS"));
    assertThat(
            find(objects, HorizontalPodAutoscaler.class, "intelligence-service")
                .getSpec()
                .getMaxReplicas())
        .as("Kafka Streams runs at most one task per partition")
        .isLessThanOrEqualTo(partitions);
  }

  /** The README's sizing table states the requests and limits the base really sets. */
  @Test
  void theReadmeSizingTableMatchesTheRequestsAndLimits() throws IOException {
    String readme = Files.readString(ComposeFileTest.ROOT.resolve("README.md"));
    int section = readme.indexOf("## Running in production");
    assertThat(section).isNotNegative();
    String text = readme.substring(section, readme.indexOf("\n## ", section + 1));
    for (String service : SERVICES) {
      ResourceRequirements resources = container(deployment(typed("base"), service)).getResources();
      String stated =
          cores(resources.getRequests().get("cpu"))
              + " / "
              + cores(resources.getLimits().get("cpu"))
              + " CPU ("
              + resources.getLimits().get("memory").getAmount()
              + " "
              + resources.getLimits().get("memory").getFormat()
              + "B)";
      assertThat(text.lines().filter(l -> l.startsWith("| " + service + " |")))
          .as("README sizing row of %s", service)
          .singleElement()
          .asString()
          .contains("| " + stated + " |");
    }
  }

  private static String cores(Quantity cpu) {
    return cpu.getNumericalAmount().stripTrailingZeros().toPlainString();
  }

  // ---------------------------------------------------------------- configuration and secrets

  @ParameterizedTest
  @MethodSource("renderings")
  void everyReferencedConfigMapKeyAndSecretKeyExists(String dir) {
    List<HasMetadata> objects = typed(dir);
    Map<String, Set<String>> secretKeys = exampleSecretKeys();
    Set<String> usedConfigKeys = new HashSet<>();
    for (Deployment deployment : of(objects, Deployment.class)) {
      for (EnvVar env : container(deployment).getEnv()) {
        assertThat(env.getValue())
            .as(
                "%s %s: configuration by ConfigMap or Secret, not inline",
                name(deployment), env.getName())
            .isNull();
        var from = env.getValueFrom();
        if (from.getConfigMapKeyRef() != null) {
          var ref = from.getConfigMapKeyRef();
          assertThat(configMap(objects, ref.getName()).getData())
              .as(
                  "%s %s: ConfigMap %s key %s",
                  name(deployment), env.getName(), ref.getName(), ref.getKey())
              .containsKey(ref.getKey());
          assertThat(ref.getOptional()).isNotEqualTo(Boolean.TRUE);
          usedConfigKeys.add(ref.getName() + "/" + ref.getKey());
        } else if (from.getSecretKeyRef() != null) {
          var ref = from.getSecretKeyRef();
          assertThat(secretKeys)
              .as(
                  "%s %s: Secret %s in secret.example.yaml",
                  name(deployment), env.getName(), ref.getName())
              .containsKey(ref.getName());
          assertThat(secretKeys.get(ref.getName())).contains(ref.getKey());
        } else {
          assertThat(from.getFieldRef())
              .as("%s %s source", name(deployment), env.getName())
              .isNotNull();
        }
      }
    }
    for (ConfigMap configMap : of(objects, ConfigMap.class)) {
      for (String key : configMap.getData().keySet()) {
        assertThat(usedConfigKeys)
            .as("ConfigMap %s key %s is read by some container", name(configMap), key)
            .contains(name(configMap) + "/" + key);
        assertThat(looksSecret(key))
            .as("ConfigMap %s holds %s: a secret belongs in a Secret", name(configMap), key)
            .isFalse();
      }
    }
  }

  /**
   * Every secret a service requires outside the local profile (passbridge.secrets.required) comes
   * from a Secret: otherwise the pod stops at start-up naming the variable.
   */
  @ParameterizedTest
  @MethodSource("renderings")
  void everySecretAServiceRequiresComesFromASecret(String dir) {
    List<HasMetadata> objects = typed(dir);
    int checked = 0;
    for (String service : SERVICES) {
      Deployment deployment = deployment(objects, service);
      Map<String, String> env = resolvedEnvironment(objects, deployment);
      for (RequiredSecret secret : ComposeFileTest.requiredSecrets(service)) {
        if (!secret.applies(
            p ->
                env.getOrDefault(
                    ComposeFileTest.envForm(p), ComposeFileTest.configured(service, p)))) {
          continue;
        }
        checked++;
        assertThat(
                container(deployment).getEnv().stream()
                    .filter(v -> v.getName().equals(secret.environmentVariable()))
                    .filter(v -> v.getValueFrom() != null)
                    .anyMatch(v -> v.getValueFrom().getSecretKeyRef() != null))
            .as("%s: %s from a Secret (secretKeyRef)", service, secret.environmentVariable())
            .isTrue();
      }
    }
    assertThat(checked).isEqualTo(8);
  }

  @Test
  void theSecretExampleHoldsPlaceholdersOnlyAndEverySecretIsReferenced() throws IOException {
    Set<String> referenced = new TreeSet<>();
    for (String dir : renderings()) {
      for (Deployment deployment : of(typed(dir), Deployment.class)) {
        for (EnvVar env : container(deployment).getEnv()) {
          if (env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null) {
            referenced.add(
                env.getValueFrom().getSecretKeyRef().getName()
                    + "/"
                    + env.getValueFrom().getSecretKeyRef().getKey());
          } else {
            assertThat(looksSecret(env.getName()))
                .as(
                    "%s of %s looks like a secret: take it from a Secret",
                    env.getName(), name(deployment))
                .isFalse();
          }
        }
      }
    }
    Set<String> example = new TreeSet<>();
    for (HasMetadata object : load(readAll(K8S.resolve("secret.example.yaml")))) {
      Secret secret = (Secret) object;
      assertThat(secret.getData())
          .as("values as readable placeholders (stringData)")
          .isNullOrEmpty();
      secret
          .getStringData()
          .forEach(
              (key, value) -> {
                example.add(name(secret) + "/" + key);
                assertThat(value)
                    .as("%s/%s is a placeholder", name(secret), key)
                    .matches("<[^<>]+>");
              });
    }
    assertThat(example).isEqualTo(referenced);
    assertThat(Files.readString(K8S.resolve("secret.example.yaml")))
        .as("the documented kubectl create secret commands name every Secret")
        .contains(
            "create secret generic passbridge-otp",
            "create secret generic passbridge-auth",
            "create secret generic passbridge-passkey");
  }

  @ParameterizedTest
  @MethodSource("renderings")
  void everyEnvironmentVariableBindsToAPropertyOfTheService(String dir) throws IOException {
    List<HasMetadata> objects = typed(dir);
    for (String service : SERVICES) {
      Set<String> known = ComposeFileTest.knownProperties(service);
      for (EnvVar env : container(deployment(objects, service)).getEnv()) {
        if (env.getName().startsWith("SPRING_")
            || env.getName().equals("MANAGEMENT_SERVER_PORT")
            || env.getName().equals("JAVA_TOOL_OPTIONS")) {
          continue; // Spring Boot's own
        }
        assertThat(known)
            .as("%s: %s binds to no documented or configured property", service, env.getName())
            .contains(env.getName());
      }
    }
  }

  /**
   * Compose and Kubernetes configure a service with the same variables; secrets are required in
   * both.
   */
  @Test
  void composeAndKubernetesUseTheSameVariables() {
    List<HasMetadata> objects = typed("base");
    for (String service : SERVICES) {
      Map<String, String> compose = ComposeFileTest.environment(service);
      List<EnvVar> env = container(deployment(objects, service)).getEnv();
      // but the management port: Kubernetes moves actuator off the API port, which its
      // NetworkPolicies then keep from Prometheus; compose has no such policies (and its image
      // health check asks the API port)
      Set<String> names =
          env.stream()
              .map(EnvVar::getName)
              .filter(n -> !n.equals("MANAGEMENT_SERVER_PORT"))
              .collect(Collectors.toCollection(TreeSet::new));
      assertThat(names)
          .as("%s: the variables of docker-compose.yml and of the Deployment", service)
          .isEqualTo(new TreeSet<>(compose.keySet()));
      for (EnvVar variable : env) {
        if (variable.getValueFrom().getSecretKeyRef() != null) {
          assertThat(compose.get(variable.getName()))
              .as("%s %s is required in compose too", service, variable.getName())
              .matches("\\$\\{[A-Z0-9_]+:\\?[^}]+}");
        }
      }
    }
  }

  // ---------------------------------------------------------------- who talks to whom

  @ParameterizedTest
  @MethodSource("renderings")
  void serviceAddressesInTheConfigurationNameServicesOnTheirPorts(String dir) {
    List<HasMetadata> objects = typed(dir);
    for (Deployment deployment : of(objects, Deployment.class)) {
      for (URI target : internalTargets(objects, deployment)) {
        Service service = find(objects, Service.class, target.getHost());
        assertThat(service.getSpec().getPorts().stream().map(ServicePort::getPort))
            .as("%s calls %s", name(deployment), target)
            .contains(target.getPort());
      }
    }
    assertThat(internalTargets(objects, deployment(objects, "gateway")).stream().map(URI::getHost))
        .as("the gateway reaches every service")
        .containsAll(SERVICES.subList(0, 4));
  }

  @ParameterizedTest
  @MethodSource("renderings")
  void networkPoliciesDenyByDefaultAndAllowExactlyWhatTheConfigurationCalls(String dir) {
    List<HasMetadata> objects = typed(dir);
    List<NetworkPolicy> policies = of(objects, NetworkPolicy.class);
    List<Deployment> deployments = of(objects, Deployment.class);

    assertThat(policies)
        .as("a default deny of ingress for every pod")
        .anySatisfy(
            p -> {
              assertThat(selects(p.getSpec().getPodSelector(), deployments))
                  .hasSameSizeAs(deployments);
              assertThat(p.getSpec().getPolicyTypes()).containsExactly("Ingress");
              assertThat(p.getSpec().getIngress()).isNullOrEmpty();
            });

    for (NetworkPolicy policy : policies) {
      List<Deployment> targets = selects(policy.getSpec().getPodSelector(), deployments);
      assertThat(targets).as("NetworkPolicy %s selects pods", name(policy)).isNotEmpty();
      for (NetworkPolicyIngressRule rule :
          Optional.ofNullable(policy.getSpec().getIngress()).orElse(List.of())) {
        for (NetworkPolicyPeer peer : Optional.ofNullable(rule.getFrom()).orElse(List.of())) {
          if (peer.getPodSelector() != null && peer.getNamespaceSelector() == null) {
            assertThat(selects(peer.getPodSelector(), deployments))
                .as("NetworkPolicy %s: a peer selector selects pods", name(policy))
                .isNotEmpty();
          }
        }
        assertThat(rule.getPorts())
            .as("NetworkPolicy %s: a rule names its ports", name(policy))
            .isNotEmpty();
        for (NetworkPolicyPort port : rule.getPorts()) {
          for (Deployment target : targets) {
            assertThat(resolvePort(container(target), port.getPort()))
                .as("NetworkPolicy %s port %s on %s", name(policy), port.getPort(), name(target))
                .isNotNull();
          }
        }
      }
    }

    // outside -> gateway only
    assertThat(reachableFrom(policies, deployments, null))
        .as("reachable from anywhere")
        .containsExactly("gateway:" + port(deployment(objects, "gateway"), "http"));
    // every call the configuration makes is allowed, and nothing else between the services
    Set<String> expected = new TreeSet<>();
    Set<String> allowed = new TreeSet<>();
    for (Deployment caller : deployments) {
      for (URI target : internalTargets(objects, caller)) {
        expected.add(name(caller) + "->" + target.getHost() + ":" + target.getPort());
      }
      for (String reachable : reachableFrom(policies, deployments, caller)) {
        if (!reachable.startsWith("gateway:")) {
          allowed.add(name(caller) + "->" + reachable);
        }
      }
    }
    assertThat(allowed).isEqualTo(expected);
  }

  /**
   * Prometheus reaches each service's management port, from a labelled namespace only, and no API
   * port.
   */
  @ParameterizedTest
  @MethodSource("renderings")
  void prometheusScrapesEveryManagementPortFromALabelledNamespace(String dir) throws IOException {
    List<HasMetadata> objects = typed(dir);
    List<Deployment> deployments = of(objects, Deployment.class);
    Set<String> scrapable = new TreeSet<>();
    for (NetworkPolicy policy : of(objects, NetworkPolicy.class)) {
      for (NetworkPolicyIngressRule rule :
          Optional.ofNullable(policy.getSpec().getIngress()).orElse(List.of())) {
        boolean fromMonitoring =
            rule.getFrom() != null
                && rule.getFrom().stream()
                    .anyMatch(
                        p ->
                            p.getNamespaceSelector() != null
                                && "true"
                                    .equals(
                                        p.getNamespaceSelector()
                                            .getMatchLabels()
                                            .get("passbridge.dev/monitoring")));
        if (!fromMonitoring) {
          continue;
        }
        assertThat(rule.getFrom()).as("%s: only the monitoring namespace", name(policy)).hasSize(1);
        for (Deployment target : selects(policy.getSpec().getPodSelector(), deployments)) {
          for (NetworkPolicyPort port : rule.getPorts()) {
            int number = resolvePort(container(target), port.getPort());
            assertThat(number)
                .as("%s opens %s to Prometheus: its management port", name(policy), name(target))
                .isEqualTo(
                    managementPort(
                        name(target),
                        resolvedEnvironment(objects, target).get("MANAGEMENT_SERVER_PORT")));
            // never the API: a pod there would send X-Forwarded-For from inside the trusted pod
            // network and choose the address the login limits count
            assertThat(number)
                .as("%s opens %s's API port to Prometheus", name(policy), name(target))
                .isNotEqualTo(ComposeFileTest.configuredPort(name(target)));
            scrapable.add(name(target));
          }
        }
      }
    }
    assertThat(scrapable).containsExactlyInAnyOrderElementsOf(SERVICES);
  }

  // ---------------------------------------------------------------- Kafka (Strimzi example)

  @Test
  void theStrimziExampleReplicatesThreeTimesWithTwoInSyncAndHoldsEveryEventTopic() {
    List<JsonNode> rendered = render(K8S.resolve("kafka"));
    List<GenericKubernetesResource> resources = new ArrayList<>();
    for (JsonNode node : rendered) {
      resources.add(SERIALIZATION.unmarshal(node.toString(), GenericKubernetesResource.class));
    }
    for (GenericKubernetesResource resource : resources) {
      assertThat(resource.getApiVersion()).isEqualTo("kafka.strimzi.io/v1beta2");
    }
    GenericKubernetesResource kafka =
        resources.stream().filter(r -> r.getKind().equals("Kafka")).findFirst().orElseThrow();
    assertThat(kafka.getMetadata().getAnnotations())
        .containsEntry("strimzi.io/kraft", "enabled")
        .containsEntry("strimzi.io/node-pools", "enabled");
    Map<String, Object> config = kafka.get("spec", "kafka", "config");
    assertThat(config)
        .containsEntry("default.replication.factor", 3)
        .containsEntry("min.insync.replicas", 2)
        .containsEntry("offsets.topic.replication.factor", 3)
        .containsEntry("transaction.state.log.min.isr", 2)
        .containsEntry("auto.create.topics.enable", false);

    int brokers = 0;
    Set<String> roles = new HashSet<>();
    for (GenericKubernetesResource pool : resources) {
      if (pool.getKind().equals("KafkaNodePool")) {
        assertThat(pool.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", name(kafka));
        List<String> poolRoles = pool.get("spec", "roles");
        roles.addAll(poolRoles);
        if (poolRoles.contains("broker")) {
          brokers += (Integer) pool.get("spec", "replicas");
        }
      }
    }
    assertThat(roles).containsExactlyInAnyOrder("broker", "controller");
    assertThat(brokers).as("brokers for replication 3 with min.insync.replicas 2").isEqualTo(3);

    Map<String, String> production =
        configMap(typed("overlays/production"), "passbridge-common").getData();
    assertThat(production.get("SPRING_KAFKA_BOOTSTRAP_SERVERS"))
        .as("the services use the example cluster's bootstrap Service")
        .startsWith(
            name(kafka) + "-kafka-bootstrap." + kafka.getMetadata().getNamespace() + ".svc:");
    Set<String> topics = new TreeSet<>();
    for (GenericKubernetesResource topic : resources) {
      if (topic.getKind().equals("KafkaTopic")) {
        topics.add(name(topic));
        assertThat(topic.getMetadata().getLabels())
            .containsEntry("strimzi.io/cluster", name(kafka));
        assertThat(topic.<Integer>get("spec", "partitions"))
            .as("%s partitions as the services create them", name(topic))
            .isEqualTo(Integer.parseInt(production.get("PASSBRIDGE_KAFKA_PARTITIONS")));
        assertThat(topic.<Integer>get("spec", "replicas"))
            .isEqualTo(Integer.parseInt(production.get("PASSBRIDGE_KAFKA_REPLICATIONFACTOR")));
        assertThat(topic.<Integer>get("spec", "config", "min.insync.replicas"))
            .isEqualTo(Integer.parseInt(production.get("PASSBRIDGE_KAFKA_MININSYNCREPLICAS")));
        assertThat(topic.<String>get("spec", "config", "retention.ms"))
            .as(
                "%s keeps its events as long as the services' passbridge.kafka.retention",
                name(topic))
            .isEqualTo(
                name(topic).equals(Topics.RULES_CHANGED.name())
                    ? "-1" // the rules' audit trail, kept for good
                    : String.valueOf(java.time.Duration.ofDays(7).toMillis()));
      }
    }
    assertThat(topics)
        .isEqualTo(
            Topics.ALL.stream().map(Topic::name).collect(Collectors.toCollection(TreeSet::new)));
    assertThat(Integer.parseInt(production.get("PASSBRIDGE_KAFKA_MININSYNCREPLICAS")))
        .isLessThan(Integer.parseInt(production.get("PASSBRIDGE_KAFKA_REPLICATIONFACTOR")));
  }

  // ================================================================ helpers: checks

  private static void checkProbe(
      String service,
      Container container,
      Probe probe,
      Map<Integer, Set<String>> served,
      String group,
      String shortPath) {
    assertThat(probe).as("%s %s probe", service, group).isNotNull();
    HTTPGetAction get = probe.getHttpGet();
    assertThat(get).as("%s %s probe is an HTTP GET", service, group).isNotNull();
    Integer port = resolvePort(container, get.getPort());
    assertThat(port).as("%s %s probe port %s", service, group, get.getPort()).isNotNull();
    assertThat(served.getOrDefault(port, Set.of()))
        .as("%s serves %s on port %d", service, get.getPath(), port)
        .contains(get.getPath());
    assertThat(get.getPath())
        .as("%s %s probe asks the %s group", service, group, group)
        .satisfiesAnyOf(
            p -> assertThat(p).endsWith("/health/" + group),
            p -> assertThat(p).isEqualTo("/" + shortPath));
  }

  /**
   * Health paths the service serves, by port, read from its own configuration file (and the
   * platform's defaults where the service takes them): actuator on {@code management.server.port}
   * when set, else on {@code server.port}; the probe groups when probes are enabled; {@code /livez}
   * and {@code /readyz} on the main port with {@code add-additional-paths}.
   */
  static Map<Integer, Set<String>> servedHealthPaths(String service) throws IOException {
    return servedHealthPaths(service, null);
  }

  /** The same, with the Deployment's {@code MANAGEMENT_SERVER_PORT} when it sets one. */
  static Map<Integer, Set<String>> servedHealthPaths(String service, String managementServerPort)
      throws IOException {
    JsonNode config =
        YAML.readTree(
            ComposeFileTest.ROOT
                .resolve(service + "/src/main/resources/" + service + ".yml")
                .toFile());
    Properties platform = platformDefaults();
    boolean takesPlatformDefaults =
        !config
            .at("/spring/autoconfigure/exclude")
            .toString()
            .contains("PassbridgeKafkaAutoConfiguration");
    int serverPort = ComposeFileTest.configuredPort(service);
    int managementPort = managementPort(service, managementServerPort);
    String basePath = text(config, "/management/endpoints/web/base-path").orElse("/actuator");
    String probesEnabled =
        text(config, "/management/endpoint/health/probes/enabled")
            .orElse(
                takesPlatformDefaults
                    ? platform.getProperty("management.endpoint.health.probes.enabled", "false")
                    : "false");
    String exposure =
        text(config, "/management/endpoints/web/exposure/include")
            .orElse(
                takesPlatformDefaults
                    ? platform.getProperty("management.endpoints.web.exposure.include", "health")
                    : "health");
    Map<Integer, Set<String>> served = new HashMap<>();
    if (Boolean.parseBoolean(probesEnabled) && List.of(exposure.split(",")).contains("health")) {
      served
          .computeIfAbsent(managementPort, p -> new HashSet<>())
          .addAll(List.of(basePath + "/health/liveness", basePath + "/health/readiness"));
      if (text(config, "/management/endpoint/health/probes/add-additional-paths")
          .map(Boolean::parseBoolean)
          .orElse(false)) {
        served
            .computeIfAbsent(serverPort, p -> new HashSet<>())
            .addAll(List.of("/livez", "/readyz"));
      }
    }
    return served;
  }

  /**
   * The service's management port: {@code managementServerPort} (a Deployment's {@code
   * MANAGEMENT_SERVER_PORT}) when not null, else its configuration file's.
   */
  static int managementPort(String service, String managementServerPort) throws IOException {
    return managementServerPort != null
        ? Integer.parseInt(managementServerPort)
        : managementPort(service);
  }

  static int managementPort(String service) throws IOException {
    JsonNode config =
        YAML.readTree(
            ComposeFileTest.ROOT
                .resolve(service + "/src/main/resources/" + service + ".yml")
                .toFile());
    JsonNode port = config.at("/management/server/port");
    return port.isMissingNode() ? ComposeFileTest.configuredPort(service) : port.asInt();
  }

  private static Properties platformDefaults() throws IOException {
    Properties properties = new Properties();
    try (InputStream in =
        Files.newInputStream(
            ComposeFileTest.ROOT.resolve(
                "platform/src/main/resources/passbridge-platform-defaults.properties"))) {
      properties.load(in);
    }
    return properties;
  }

  private static Optional<String> text(JsonNode config, String pointer) {
    JsonNode node = config.at(pointer);
    if (node.isMissingNode() || node.isNull()) {
      return Optional.empty();
    }
    if (node.isArray()) {
      List<String> items = new ArrayList<>();
      node.forEach(n -> items.add(n.asString()));
      return Optional.of(String.join(",", items));
    }
    return Optional.of(node.asString());
  }

  /** True when {@code path} is on an emptyDir mounted writable in the container. */
  private static boolean writableDirectory(PodSpec pod, Container container, String path) {
    Set<String> emptyDirs =
        pod.getVolumes().stream()
            .filter(v -> v.getEmptyDir() != null)
            .map(Volume::getName)
            .collect(Collectors.toSet());
    for (VolumeMount mount : container.getVolumeMounts()) {
      if (emptyDirs.contains(mount.getName())
          && !Boolean.TRUE.equals(mount.getReadOnly())
          && (path.equals(mount.getMountPath()) || path.startsWith(mount.getMountPath() + "/"))) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@code service:port} entries the policies let {@code caller} reach (null: a client outside).
   */
  private static Set<String> reachableFrom(
      List<NetworkPolicy> policies, List<Deployment> deployments, Deployment caller) {
    Map<String, String> callerLabels =
        caller == null ? null : caller.getSpec().getTemplate().getMetadata().getLabels();
    Set<String> reachable = new TreeSet<>();
    for (NetworkPolicy policy : policies) {
      for (NetworkPolicyIngressRule rule :
          Optional.ofNullable(policy.getSpec().getIngress()).orElse(List.of())) {
        boolean admitted;
        if (rule.getFrom() == null || rule.getFrom().isEmpty()) {
          admitted = true;
        } else {
          admitted =
              callerLabels != null
                  && rule.getFrom().stream()
                      .anyMatch(
                          p ->
                              p.getNamespaceSelector() == null
                                  && p.getIpBlock() == null
                                  && matches(p.getPodSelector(), callerLabels));
        }
        if (!admitted) {
          continue;
        }
        for (Deployment target : selects(policy.getSpec().getPodSelector(), deployments)) {
          for (NetworkPolicyPort port : Optional.ofNullable(rule.getPorts()).orElse(List.of())) {
            reachable.add(name(target) + ":" + resolvePort(container(target), port.getPort()));
          }
        }
      }
    }
    return reachable;
  }

  /** The in-cluster http://host:port addresses a Deployment's configuration calls. */
  private static Set<URI> internalTargets(List<HasMetadata> objects, Deployment deployment) {
    Set<String> services =
        of(objects, Service.class).stream()
            .map(KubernetesManifestsTest::name)
            .collect(Collectors.toSet());
    Set<URI> targets = new HashSet<>();
    Matcher url = Pattern.compile("https?://([a-z0-9-]+):(\\d+)").matcher("");
    for (String value : resolvedEnvironment(objects, deployment).values()) {
      url.reset(value);
      while (url.find()) {
        if (services.contains(url.group(1))) {
          targets.add(URI.create("http://" + url.group(1) + ":" + url.group(2)));
        }
      }
    }
    return targets;
  }

  private static Map<String, String> resolvedEnvironment(
      List<HasMetadata> objects, Deployment deployment) {
    Map<String, String> env = new LinkedHashMap<>();
    for (EnvVar variable : container(deployment).getEnv()) {
      if (variable.getValue() != null) {
        env.put(variable.getName(), variable.getValue());
      } else if (variable.getValueFrom() != null
          && variable.getValueFrom().getConfigMapKeyRef() != null) {
        var ref = variable.getValueFrom().getConfigMapKeyRef();
        env.put(variable.getName(), configMap(objects, ref.getName()).getData().get(ref.getKey()));
      }
    }
    return env;
  }

  private static Map<String, Set<String>> exampleSecretKeys() {
    Map<String, Set<String>> keys = new HashMap<>();
    for (HasMetadata object : load(readAll(K8S.resolve("secret.example.yaml")))) {
      keys.put(name(object), ((Secret) object).getStringData().keySet());
    }
    return keys;
  }

  static boolean looksSecret(String name) {
    return name.matches(".*(PASSWORD|SECRET|TOKEN|HMACKEY|ENCRYPTIONKEY|CREDENTIAL).*");
  }

  private static Integer resolvePort(Container container, IntOrString port) {
    if (port == null) {
      return null;
    }
    if (port.getIntVal() != null) {
      return container.getPorts().stream()
              .map(ContainerPort::getContainerPort)
              .anyMatch(port.getIntVal()::equals)
          ? port.getIntVal()
          : null;
    }
    return container.getPorts().stream()
        .filter(p -> port.getStrVal().equals(p.getName()))
        .map(ContainerPort::getContainerPort)
        .findFirst()
        .orElse(null);
  }

  private static int port(Deployment deployment, String name) {
    return resolvePort(container(deployment), new IntOrString(name));
  }

  private static List<Deployment> selects(LabelSelector selector, List<Deployment> deployments) {
    return deployments.stream()
        .filter(d -> matches(selector, d.getSpec().getTemplate().getMetadata().getLabels()))
        .toList();
  }

  /** Label selector semantics: matchLabels and matchExpressions; an empty selector selects all. */
  static boolean matches(LabelSelector selector, Map<String, String> labels) {
    if (selector == null) {
      return false;
    }
    if (!labelsMatch(Optional.ofNullable(selector.getMatchLabels()).orElse(Map.of()), labels)) {
      return false;
    }
    for (LabelSelectorRequirement requirement :
        Optional.ofNullable(selector.getMatchExpressions()).orElse(List.of())) {
      String value = labels.get(requirement.getKey());
      boolean ok =
          switch (requirement.getOperator()) {
            case "In" -> value != null && requirement.getValues().contains(value);
            case "NotIn" -> value == null || !requirement.getValues().contains(value);
            case "Exists" -> value != null;
            case "DoesNotExist" -> value == null;
            default -> throw new AssertionError("unknown operator " + requirement.getOperator());
          };
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static boolean labelsMatch(Map<String, String> selector, Map<String, String> labels) {
    return selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
  }

  /** Collects fields the typed model did not recognise (they land in additionalProperties). */
  private static void unknownFields(Object value, String path, List<String> into) {
    if (value == null) {
      return;
    }
    if (value instanceof Collection<?> items) {
      int i = 0;
      for (Object item : items) {
        unknownFields(item, path + "[" + i++ + "]", into);
      }
      return;
    }
    if (value instanceof Map<?, ?> map) {
      map.forEach((k, v) -> unknownFields(v, path + "." + k, into));
      return;
    }
    if (!value.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
      return;
    }
    for (Method method : value.getClass().getMethods()) {
      if (method.getParameterCount() != 0
          || Modifier.isStatic(method.getModifiers())
          || !method.getName().startsWith("get")
          || method.getName().equals("getClass")) {
        continue;
      }
      Object child;
      try {
        child = method.invoke(value);
      } catch (ReflectiveOperationException | RuntimeException e) {
        continue;
      }
      if (method.getName().equals("getAdditionalProperties")) {
        if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
          into.add(path + ": " + extra.keySet());
        }
      } else if (!(value instanceof Quantity) && !(value instanceof IntOrString)) {
        unknownFields(child, path + "." + method.getName().substring(3), into);
      }
    }
  }

  // ================================================================ helpers: loading

  private static final Map<String, List<HasMetadata>> TYPED = new HashMap<>();

  static synchronized List<HasMetadata> typed(String dir) {
    return TYPED.computeIfAbsent(dir, d -> load(render(K8S.resolve(d))));
  }

  private static List<HasMetadata> load(List<JsonNode> nodes) {
    List<HasMetadata> objects = new ArrayList<>();
    for (JsonNode node : nodes) {
      Object object = SERIALIZATION.unmarshal(node.toString());
      assertThat(object)
          .as("%s loads as a Kubernetes object", node.path("kind"))
          .isInstanceOf(HasMetadata.class);
      objects.add((HasMetadata) object);
    }
    return objects;
  }

  private static Set<String> kinds(List<HasMetadata> objects) {
    return objects.stream().map(HasMetadata::getKind).collect(Collectors.toSet());
  }

  static <T extends HasMetadata> List<T> of(List<HasMetadata> objects, Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).toList();
  }

  static <T extends HasMetadata> T find(List<HasMetadata> objects, Class<T> type, String name) {
    List<T> found = of(objects, type).stream().filter(o -> name(o).equals(name)).toList();
    assertThat(found).as("%s %s", type.getSimpleName(), name).hasSize(1);
    return found.getFirst();
  }

  private static Deployment deployment(List<HasMetadata> objects, String name) {
    return find(objects, Deployment.class, name);
  }

  private static ConfigMap configMap(List<HasMetadata> objects, String name) {
    return find(objects, ConfigMap.class, name);
  }

  private static Container container(Deployment deployment) {
    List<Container> containers = deployment.getSpec().getTemplate().getSpec().getContainers();
    assertThat(containers).as("%s: one container", name(deployment)).hasSize(1);
    return containers.getFirst();
  }

  static String name(HasMetadata object) {
    return object.getMetadata().getName();
  }

  // ================================================================ the Kustomize subset

  private static final Set<String> SUPPORTED =
      Set.of("apiVersion", "kind", "resources", "namespace", "images", "replicas", "patches");

  /**
   * Renders a kustomization directory with the subset the manifests use: {@code resources} (files
   * and directories), {@code patches} by file (strategic merge of maps and scalars), {@code images}
   * ({@code newName}, {@code newTag}), {@code replicas} and {@code namespace}. Anything else fails,
   * so an overlay cannot silently use a feature this does not apply.
   */
  static List<JsonNode> render(Path dir) {
    JsonNode kustomization = readAll(dir.resolve("kustomization.yaml")).getFirst();
    kustomization
        .propertyNames()
        .forEach(
            key -> assertThat(SUPPORTED).as("%s: kustomization field %s", dir, key).contains(key));
    List<ObjectNode> objects = new ArrayList<>();
    for (JsonNode resource : kustomization.path("resources")) {
      Path path = dir.resolve(resource.asString()).normalize();
      for (JsonNode node : Files.isDirectory(path) ? render(path) : readAll(path)) {
        objects.add((ObjectNode) node);
      }
    }
    for (JsonNode patch : kustomization.path("patches")) {
      assertThat(patch.propertyNames()).as("%s: patches by path only", dir).containsExactly("path");
      for (JsonNode document : readAll(dir.resolve(patch.path("path").asString()))) {
        ObjectNode target =
            objects.stream()
                .filter(o -> o.path("kind").equals(document.path("kind")))
                .filter(o -> o.path("apiVersion").equals(document.path("apiVersion")))
                .filter(o -> o.at("/metadata/name").equals(document.at("/metadata/name")))
                .findFirst()
                .orElseThrow(
                    () ->
                        new AssertionError(
                            dir
                                + ": patch target "
                                + document.path("kind")
                                + "/"
                                + document.at("/metadata/name")
                                + " not found"));
        merge(target, (ObjectNode) document, dir.toString());
      }
    }
    for (JsonNode image : kustomization.path("images")) {
      String from = image.path("name").asString();
      boolean used = false;
      for (ObjectNode object : objects) {
        for (JsonNode container : object.at("/spec/template/spec/containers")) {
          String current = container.path("image").asString();
          int tag =
              current.lastIndexOf(':') > current.lastIndexOf('/')
                  ? current.lastIndexOf(':')
                  : current.length();
          if (current.substring(0, tag).equals(from)) {
            String newName = image.path("newName").asString(from);
            String newTag =
                image.has("newTag")
                    ? ":" + image.path("newTag").asString()
                    : current.substring(tag);
            ((ObjectNode) container).put("image", newName + newTag);
            used = true;
          }
        }
      }
      assertThat(used).as("%s: image %s is used", dir, from).isTrue();
    }
    for (JsonNode replicas : kustomization.path("replicas")) {
      ObjectNode target =
          objects.stream()
              .filter(o -> o.path("kind").asString().equals("Deployment"))
              .filter(
                  o -> o.at("/metadata/name").asString().equals(replicas.path("name").asString()))
              .findFirst()
              .orElseThrow(
                  () -> new AssertionError(dir + ": replicas of unknown " + replicas.path("name")));
      ((ObjectNode) target.path("spec")).put("replicas", replicas.path("count").asInt());
    }
    if (kustomization.has("namespace")) {
      for (ObjectNode object : objects) {
        ((ObjectNode) object.path("metadata"))
            .put("namespace", kustomization.path("namespace").asString());
      }
    }
    return new ArrayList<>(objects);
  }

  private static void merge(ObjectNode target, ObjectNode patch, String where) {
    for (String key : patch.propertyNames()) {
      JsonNode value = patch.get(key);
      JsonNode current = target.get(key);
      if (value.isArray()) {
        throw new AssertionError(
            where + ": a patch replaces a list (" + key + "); keep overlays to maps and scalars");
      }
      if (value.isObject() && current != null && current.isObject()) {
        merge((ObjectNode) current, (ObjectNode) value, where);
      } else {
        target.set(key, value);
      }
    }
  }

  static List<JsonNode> readAll(Path file) {
    List<JsonNode> documents = new ArrayList<>();
    try (var values = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
      while (values.hasNext()) {
        JsonNode node = (JsonNode) values.next();
        if (node != null && !node.isNull() && !node.isEmpty()) {
          documents.add(node);
        }
      }
    }
    return documents;
  }

  private static Map<String, JsonNode> byIdentity(List<JsonNode> objects) {
    Map<String, JsonNode> byId = new TreeMap<>();
    for (JsonNode object : objects) {
      byId.put(
          object.path("kind").asString()
              + "/"
              + object.at("/metadata/namespace").asString("")
              + "/"
              + object.at("/metadata/name").asString(),
          object);
    }
    assertThat(byId).as("no duplicate objects").hasSameSizeAs(objects);
    return byId;
  }

  private static Optional<List<JsonNode>> kubectlKustomize(Path dir) throws Exception {
    Process process;
    try {
      process =
          new ProcessBuilder("kubectl", "kustomize", dir.toString())
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
    } catch (IOException notInstalled) {
      return Optional.empty();
    }
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail("kubectl kustomize did not finish");
    }
    assertThat(process.exitValue()).as("kubectl kustomize %s", dir).isZero();
    Path file = Files.createTempFile("kustomize", ".yaml");
    try {
      Files.writeString(file, out);
      return Optional.of(readAll(file));
    } finally {
      Files.delete(file);
    }
  }
}
