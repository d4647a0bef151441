package dev.pingpong.operator.reconciler;

import dev.pingpong.operator.dependent.Children;
import dev.pingpong.operator.model.PingPongPair;
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

/**
 * The informers the reconciler declares itself: one for all the pairs' Secrets and one for all their Deployments
 * (shared by the dependents of that kind, so each object is watched and cached once), and one for the pods the
 * Deployments run. All of them see only objects labelled as managed by this operator. Pods and Secrets are mapped to
 * their pair by the instance label: pods carry no owner reference to the pair, and neither do the Secrets
 * cert-manager writes (labelled through their Certificate's secretTemplate).
 */
final class ChildInformers {

    static final String SECRETS = "secrets";
    static final String DEPLOYMENTS = "deployments";
    static final String PODS = "pods";

    private ChildInformers() {
    }

    static List<EventSource<?, PingPongPair>> create(EventSourceContext<PingPongPair> context) {
        return List.of(
                new InformerEventSource<>(configuration(Secret.class, SECRETS)
                        .withSecondaryToPrimaryMapper(ChildInformers::byInstanceLabel).build(), context),
                new InformerEventSource<>(configuration(Deployment.class, DEPLOYMENTS).build(), context),
                new InformerEventSource<>(configuration(Pod.class, PODS)
                        .withSecondaryToPrimaryMapper(ChildInformers::byInstanceLabel).build(), context));
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
        return InformerEventSourceConfiguration.from(type, PingPongPair.class)
                .withName(name)
                .withLabelSelector(Children.MANAGED_SELECTOR)
                .withNamespacesInheritedFromController();
    }
}
