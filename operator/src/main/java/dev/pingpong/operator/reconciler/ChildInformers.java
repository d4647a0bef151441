package dev.pingpong.operator.reconciler;

import dev.pingpong.operator.dependent.Children;
import dev.pingpong.operator.model.PingPongPair;
import dev.pingpong.operator.model.PingPongPairSpec;
import dev.pingpong.operator.model.TlsSpec;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The informers the reconciler declares itself: one for all the pairs' Secrets and one for all their Deployments
 * (shared by the dependents of that kind, so each object is watched and cached once), and one for the pods the
 * Deployments run. All of them see only objects labelled as managed by this operator. Pods and Secrets are mapped to
 * their pair by the instance label: pods carry no owner reference to the pair, and neither do the Secrets
 * cert-manager writes (labelled through their Certificate's secretTemplate).
 * A fourth sees the users' CA Secrets of tls.issuer secret, labelled {@value ProvidedCa#SELECTOR}, and maps each to
 * the pairs that name it in tls.caSecretName (an index of the pairs' cache), so a changed CA reissues their leaves.
 */
final class ChildInformers {

    static final String SECRETS = "secrets";
    static final String DEPLOYMENTS = "deployments";
    static final String PODS = "pods";
    static final String CA_SECRETS = "ca-secrets";
    /** Primary cache index: the pairs by the CA Secret they sign with ("NAMESPACE/NAME"). */
    private static final String BY_CA_SECRET = "by-ca-secret";

    private ChildInformers() {
    }

    static List<EventSource<?, PingPongPair>> create(EventSourceContext<PingPongPair> context) {
        context.getPrimaryCache().addIndexer(BY_CA_SECRET, pair -> Optional.ofNullable(pair.getSpec())
                .map(PingPongPairSpec::getTls).map(TlsSpec::getCaSecretName)
                .map(name -> List.of(pair.getMetadata().getNamespace() + "/" + name))
                .orElse(List.of()));
        InformerEventSourceConfiguration<Secret> caSecrets = configuration(Secret.class, CA_SECRETS, ProvidedCa.SELECTOR)
                .withSecondaryToPrimaryMapper(secret -> context.getPrimaryCache()
                        .byIndex(BY_CA_SECRET, secret.getMetadata().getNamespace() + "/" + secret.getMetadata().getName())
                        .stream().map(ResourceID::fromResource).collect(Collectors.toSet()))
                .build();
        return List.of(
                new InformerEventSource<>(configuration(Secret.class, SECRETS)
                        .withSecondaryToPrimaryMapper(ChildInformers::byInstanceLabel).build(), context),
                new InformerEventSource<>(configuration(Deployment.class, DEPLOYMENTS).build(), context),
                new InformerEventSource<>(configuration(Pod.class, PODS)
                        .withSecondaryToPrimaryMapper(ChildInformers::byInstanceLabel).build(), context),
                new InformerEventSource<>(caSecrets, context));
    }

    /** The pods informer among {@code sources}, as {@link #create} made it. */
    @SuppressWarnings("unchecked")
    static InformerEventSource<Pod, PingPongPair> pods(List<EventSource<?, PingPongPair>> sources) {
        return sources.stream().filter(source -> PODS.equals(source.name())).findFirst()
                .map(source -> (InformerEventSource<Pod, PingPongPair>) source).orElseThrow();
    }

    /**
     * A child of the pair in {@code context} by name, as its informer last saw it; empty also while that informer is
     * not registered (the Certificates' until cert-manager is found).
     */
    static <R extends HasMetadata> Optional<R> cached(Context<PingPongPair> context, Class<R> type, String informer,
                                                       String name) {
        ResourceID id = new ResourceID(name, context.getPrimaryResource().getMetadata().getNamespace());
        return context.eventSourceRetriever().getEventSourcesFor(type).stream()
                .filter(source -> informer.equals(source.name()))
                .filter(InformerEventSource.class::isInstance)
                .findFirst()
                .flatMap(source -> ((InformerEventSource<?, ?>) source).get(id))
                .map(type::cast);
    }

    private static Set<ResourceID> byInstanceLabel(HasMetadata child) {
        return Optional.ofNullable(child.getMetadata().getLabels())
                .map(labels -> labels.get(Children.INSTANCE_LABEL))
                .map(pair -> Set.of(new ResourceID(pair, child.getMetadata().getNamespace())))
                .orElse(Set.of());
    }

    private static <R extends HasMetadata> InformerEventSourceConfiguration.Builder<R> configuration(Class<R> type,
                                                                                                     String name) {
        return configuration(type, name, Children.MANAGED_SELECTOR);
    }

    private static <R extends HasMetadata> InformerEventSourceConfiguration.Builder<R> configuration(
            Class<R> type, String name, String labelSelector) {
        return InformerEventSourceConfiguration.from(type, PingPongPair.class)
                .withName(name)
                .withLabelSelector(labelSelector)
                .withNamespacesInheritedFromController();
    }
}
