package dev.pingpong.operator.reconciler;

import dev.pingpong.operator.certs.CertificateAuthority;
import dev.pingpong.operator.certs.ServedCertificate;
import dev.pingpong.operator.dependent.CaSecretDependent;
import dev.pingpong.operator.dependent.CertManagerIssues;
import dev.pingpong.operator.dependent.CertManagerIssuesClient;
import dev.pingpong.operator.dependent.CertManagerServed;
import dev.pingpong.operator.dependent.Children;
import dev.pingpong.operator.dependent.ClientCertificateDependent;
import dev.pingpong.operator.dependent.ClientDeploymentDependent;
import dev.pingpong.operator.dependent.ClientTlsSecretDependent;
import dev.pingpong.operator.dependent.DesiredState;
import dev.pingpong.operator.dependent.DisruptionBudgetEnabled;
import dev.pingpong.operator.dependent.NetworkPolicyEnabled;
import dev.pingpong.operator.dependent.OperatorIssues;
import dev.pingpong.operator.dependent.OperatorIssuesClient;
import dev.pingpong.operator.dependent.RestartMarks;
import dev.pingpong.operator.dependent.SecretData;
import dev.pingpong.operator.dependent.ServerCertificateDependent;
import dev.pingpong.operator.dependent.SelfIssued;
import dev.pingpong.operator.dependent.ServerDeploymentDependent;
import dev.pingpong.operator.dependent.ServerDisruptionBudgetDependent;
import dev.pingpong.operator.dependent.ServerNetworkPolicyDependent;
import dev.pingpong.operator.dependent.ServerServiceDependent;
import dev.pingpong.operator.dependent.ServerTlsSecretDependent;
import dev.pingpong.operator.model.CertificateStatus;
import dev.pingpong.operator.model.EffectiveSpec;
import dev.pingpong.operator.model.Images;
import dev.pingpong.operator.model.InvalidSpecException;
import dev.pingpong.operator.model.PairAnnotations;
import dev.pingpong.operator.model.PingPongPair;
import dev.pingpong.operator.model.PingPongPairStatus;
import dev.pingpong.operator.model.TlsIssuer;
import dev.pingpong.operator.model.Side;
import dev.pingpong.operator.observe.PingObserver;
import dev.pingpong.operator.observe.PingsObservation;
import dev.pingpong.operator.recovery.PingSilence;
import dev.pingpong.operator.recovery.RecoveryDecision;
import dev.pingpong.operator.runtime.OperatorMetrics;
import dev.pingpong.operator.status.Conditions;
import io.fabric8.certmanager.api.model.v1.Certificate;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.AggregatedOperatorException;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciles a PingPongPair: resolve the spec, decide certificates and restarts, run the workflow of children
 * (CA Secret and TLS Secrets, or cert-manager Certificates; Service, Deployments; the server's
 * PodDisruptionBudget and NetworkPolicy), then write the status and ask to be called again when the next certificate is due or a recovery check is pending. Decisions happen before the
 * workflow so that every dependent's desired state is a plain function of them.
 *
 * <p>No dependent depends on one with a condition: JOSDK deletes every dependent that depends on one whose
 * precondition fails, and the Secrets and Certificates come and go with tls.issuer and tls.mutual.
 */
@ControllerConfiguration(name = PingPongPairReconciler.NAME, generationAwareEventProcessing = false,
        informer = @Informer(onUpdateFilter = PairUpdateFilter.class))
@Workflow(explicitInvocation = true, dependents = {
        @Dependent(name = CaSecretDependent.NAME, type = CaSecretDependent.class,
                useEventSourceWithName = ChildInformers.SECRETS, reconcilePrecondition = SelfIssued.class),
        @Dependent(name = ServerTlsSecretDependent.NAME, type = ServerTlsSecretDependent.class,
                useEventSourceWithName = ChildInformers.SECRETS, reconcilePrecondition = OperatorIssues.class),
        @Dependent(name = ClientTlsSecretDependent.NAME, type = ClientTlsSecretDependent.class,
                useEventSourceWithName = ChildInformers.SECRETS, reconcilePrecondition = OperatorIssuesClient.class),
        @Dependent(name = ServerCertificateDependent.NAME, type = ServerCertificateDependent.class,
                activationCondition = CertManagerServed.class, reconcilePrecondition = CertManagerIssues.class),
        @Dependent(name = ClientCertificateDependent.NAME, type = ClientCertificateDependent.class,
                activationCondition = CertManagerServed.class, reconcilePrecondition = CertManagerIssuesClient.class),
        @Dependent(name = ServerServiceDependent.NAME, type = ServerServiceDependent.class),
        @Dependent(name = ServerDeploymentDependent.NAME, type = ServerDeploymentDependent.class,
                useEventSourceWithName = ChildInformers.DEPLOYMENTS, dependsOn = ServerServiceDependent.NAME),
        @Dependent(name = ClientDeploymentDependent.NAME, type = ClientDeploymentDependent.class,
                useEventSourceWithName = ChildInformers.DEPLOYMENTS, dependsOn = ServerDeploymentDependent.NAME),
        @Dependent(name = ServerDisruptionBudgetDependent.NAME, type = ServerDisruptionBudgetDependent.class,
                reconcilePrecondition = DisruptionBudgetEnabled.class),
        @Dependent(name = ServerNetworkPolicyDependent.NAME, type = ServerNetworkPolicyDependent.class,
                reconcilePrecondition = NetworkPolicyEnabled.class),
})
public class PingPongPairReconciler implements Reconciler<PingPongPair> {

    public static final String NAME = "pingpongpair";
    private static final Duration SOONEST_RECHECK = Duration.ofSeconds(1);
    /** Objects the operator did not make send no events: a conflict with one is looked at again this often. */
    static final Duration CONFLICT_RECHECK = Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger(PingPongPairReconciler.class);
    /** {@link StatusLag}'s name for the Warning Event of a blocked pair. */
    private static final String BLOCKED = "blocked";
    /** {@link StatusLag}'s name for the Paused and Resumed Events. */
    private static final String PAUSE = "pause";

    private final Clock clock;
    private final Images images;
    private final OperatorMetrics metrics;
    private final String clusterDomain;
    private final CertificateKeeper certificates;
    private final Duration observeInterval;
    private final CertManagerApi certManagerApi = new CertManagerApi();
    private final StatusLag statusLag = new StatusLag();

    /** {@code observeInterval}: how often the client pods' /metrics are read; zero: never. */
    public PingPongPairReconciler(Clock clock, Images images, OperatorMetrics metrics, String clusterDomain,
                                  Duration observeInterval) {
        this.clock = clock;
        this.images = images;
        this.metrics = metrics;
        this.clusterDomain = clusterDomain;
        this.certificates = new CertificateKeeper(clock);
        this.observeInterval = observeInterval;
    }

    @Override
    public List<EventSource<?, PingPongPair>> prepareEventSources(EventSourceContext<PingPongPair> context) {
        List<EventSource<?, PingPongPair>> sources = new ArrayList<>(ChildInformers.create(context));
        sources.add(new PingObserver(observeInterval, clock, context.getPrimaryCache(), ChildInformers.pods(sources),
                this::unhealthyAfter));
        return sources;
    }

    @Override
    public UpdateControl<PingPongPair> reconcile(PingPongPair pair, Context<PingPongPair> context) {
        Instant now = clock.instant();
        if (PairAnnotations.paused(pair)) {
            return paused(pair, context, now);
        }
        String pause = StatusComposer.pauseReason(pair);
        if (pause != null && statusLag.due(pair, PAUSE, StatusComposer.RESUMED, pause)) {
            LOG.info("resumed pair={}/{}", pair.getMetadata().getNamespace(), pair.getMetadata().getName());
            PairEvents.normal(context.getClient(), pair, PairEvents.RESUMED, StatusComposer.RESUMED_MESSAGE, now);
            statusLag.acted(pair, PAUSE, StatusComposer.RESUMED);
        }
        EffectiveSpec spec;
        Children children;
        try {
            spec = EffectiveSpec.resolve(pair.getSpec(), images, clusterDomain);
            children = Children.checked(pair);
        } catch (InvalidSpecException e) {
            LOG.info("invalid spec pair={}/{} generation={}: {}", pair.getMetadata().getNamespace(),
                    pair.getMetadata().getName(), pair.getMetadata().getGeneration(), e.getMessage());
            return blocked(pair, StatusComposer.failed(pair, e, now), context, now);
        }
        boolean certManagerServed = certManagerApi.served(context.getClient());
        CertificateKeeper.Stored stored = new CertificateKeeper.Stored(secret(context, children.caSecret()),
                secret(context, children.tlsSecret(Side.SERVER)), secret(context, children.tlsSecret(Side.CLIENT)));
        Optional<String> renewRequest = PairAnnotations.renewNow(pair).filter(value -> statusLag.due(pair,
                PairAnnotations.RENEW_NOW, value, StatusComposer.renewNowHandled(pair)));
        Optional<CertificateKeeper.Outcome> kept;
        if (spec.certManager()) {
            kept = Optional.empty();
        } else if (spec.tlsIssuer() == TlsIssuer.SECRET) {
            try {
                kept = Optional.of(certificates.keep(providedCa(context, children, spec, now), stored, spec, children,
                        renewRequest.isPresent()));
            } catch (ProvidedCa.Unavailable e) {
                LOG.info("certificates blocked pair={}/{} reason={}: {}", children.namespace(), children.pair(),
                        e.reason(), e.getMessage());
                return blocked(pair, StatusComposer.certificatesBlocked(pair, e.reason(), e.getMessage(), now),
                        context, now);
            }
        } else {
            kept = Optional.of(certificates.keep(stored, spec, children, renewRequest.isPresent()));
        }

        List<Pod> pods = List.copyOf(context.getSecondaryResources(Pod.class));
        Optional<PingsObservation> pings = PingObserver.observes(observeInterval)
                ? Optional.of(context.getSecondaryResource(PingsObservation.class).orElseGet(PingsObservation::notYet))
                : Optional.empty();
        Optional<PingSilence> silence = pings.map(PingsObservation::silentSince).map(since -> PingSilence.of(since,
                SideRecovery.lastRestart(deployment(context, children, Side.CLIENT)),
                SideRecovery.lastRestart(deployment(context, children, Side.SERVER))));
        Map<Side, SideRecovery.Assessment> assessments = new EnumMap<>(Side.class);
        Map<Side, RestartMarks> marks = new EnumMap<>(Side.class);
        for (Side side : Side.values()) {
            SideRecovery.Assessment assessment = SideRecovery.assess(side, spec, pods, deployment(context, children, side),
                    silence, awaitedSecret(context, children, spec, side), StatusComposer.restarts(pair, side), now);
            assessments.put(side, assessment);
            marks.put(side, assessment.marks());
        }

        new DesiredState(spec, children, kept.map(CertificateKeeper.Outcome::certificates),
                CertificateKeeper.serverDnsNames(children, spec.issuance()), certManagerServed, marks).putInto(context);
        try {
            context.managedWorkflowAndDependentResourceContext().reconcileManagedWorkflow();
        } catch (AggregatedOperatorException e) {
            String conflicts = StatusComposer.conflicts(e).orElseThrow(() -> e);
            LOG.warn("child conflict pair={}/{}: {}", children.namespace(), children.pair(), conflicts);
            return blocked(pair, StatusComposer.conflict(pair, conflicts, now), context, now)
                    .rescheduleAfter(CONFLICT_RECHECK);
        }

        kept.ifPresent(outcome -> {
            metrics.renewed(outcome.renewals());
            PairEvents.certificates(context.getClient(), pair, outcome, renewRequest, now);
        });
        if (spec.certManager() && certManagerServed) {
            renewRequest.ifPresent(value -> requestReissue(context, pair, spec, children, value, now));
        }
        renewRequest.ifPresent(value -> statusLag.acted(pair, PairAnnotations.RENEW_NOW, value));
        statusLag.forget(pair, BLOCKED);
        Map<Side, SideReadiness> readiness = new EnumMap<>(Side.class);
        for (SideRecovery.Assessment assessment : assessments.values()) {
            Side side = assessment.side();
            String deploymentName = children.deployment(side);
            if (assessment.restarted()) {
                String cause = ((RecoveryDecision.Restart) assessment.decision()).reason();
                LOG.info("restarted pair={}/{} side={} deployment={} cause={}", children.namespace(), children.pair(),
                        side.component(), deploymentName, cause);
                PairEvents.warn(context.getClient(), pair, PairEvents.RESTARTED,
                        "restarted Deployment " + deploymentName + ": " + cause, now);
                metrics.restarted(side);
            }
            if (assessment.decision() instanceof RecoveryDecision.Exhausted exhausted
                    && !StatusComposer.reported(pair, StatusComposer.condition(side),
                    SideReadiness.RECOVERY_EXHAUSTED)) {
                LOG.warn("recovery exhausted pair={}/{} side={}: {}", children.namespace(), children.pair(),
                        side.component(), exhausted.message());
                PairEvents.warn(context.getClient(), pair, SideReadiness.RECOVERY_EXHAUSTED,
                        "stopped restarting Deployment " + deploymentName + ": " + exhausted.message(), now);
            }
            readiness.put(side, SideReadiness.of(side, deploymentName, spec.replicas(side), deployment(context, children, side),
                    assessment.decision()));
        }
        String endpoint = children.serverEndpoint(spec.serverPort());
        // a value is handled by this reconcile, or was by an earlier one
        String renewNowHandled = PairAnnotations.renewNow(pair).orElseGet(() -> StatusComposer.renewNowHandled(pair));
        CertificateReport certificateReport = kept
                .map(outcome -> CertificateReport.issuedBySelf(outcome.certificates(), spec, renewNowHandled))
                .orElseGet(() -> certManagerReport(context, spec, children, certManagerServed, renewNowHandled, now));
        if (spec.certManager()) {
            reportCertManagerWrites(context, pair, spec, children, now);
        }
        PingPongPairStatus status = StatusComposer.reconciled(pair, endpoint, spec, certificateReport, readiness,
                assessments.values(), pings, now);
        UpdateControl<PingPongPair> control = patchIfChanged(pair, status, context);
        return nextCheck(certificateReport, spec, assessments.values(), now).map(control::rescheduleAfter)
                .orElse(control);
    }

    /** What cert-manager's Certificates and Secrets say, as the informers last saw them (after this workflow). */
    private static CertificateReport certManagerReport(Context<PingPongPair> context, EffectiveSpec spec,
                                                       Children children, boolean served, String renewNowHandled,
                                                       Instant now) {
        Function<Side, Optional<Secret>> secrets = side -> secret(context, children.tlsSecret(side));
        if (!served) {
            return CertManagerReport.missing(spec, secrets, renewNowHandled, now.plus(CertManagerApi.RECHECK));
        }
        return CertManagerReport.of(spec, children, side -> certificate(context, children, side), secrets,
                renewNowHandled);
    }

    private static Optional<Certificate> certificate(Context<PingPongPair> context, Children children, Side side) {
        return ChildInformers.cached(context, Certificate.class,
                side == Side.SERVER ? ServerCertificateDependent.NAME : ClientCertificateDependent.NAME,
                children.certificate(side));
    }

    /** pingpong.dev/renew-now with cert-manager: its Certificates are marked for reissue, as cmctl renew does. */
    private static void requestReissue(Context<PingPongPair> context, PingPongPair pair, EffectiveSpec spec,
                                       Children children, String value, Instant now) {
        List<Certificate> certificates = sides(spec).stream().map(side -> certificate(context, children, side))
                .flatMap(Optional::stream).toList();
        List<String> triggered = CertManagerRenewal.request(context.getClient(), certificates, now);
        LOG.info("renewal requested pair={}/{} certificates={} value={}", children.namespace(), children.pair(),
                triggered, value);
        PairEvents.normal(context.getClient(), pair, PairEvents.RENEWAL_REQUESTED, (triggered.isEmpty()
                ? "cert-manager is already issuing the Certificates" : "asked cert-manager to reissue Certificate "
                + String.join(" and ", triggered)) + ", as requested by " + PairAnnotations.RENEW_NOW + "=" + value, now);
    }

    /**
     * An Event for each TLS Secret whose certificate cert-manager wrote since the pair's status last described it
     * (once: {@link StatusLag} covers the moment before the status write that records it reaches the cache).
     */
    private void reportCertManagerWrites(Context<PingPongPair> context, PingPongPair pair, EffectiveSpec spec,
                                         Children children, Instant now) {
        Optional<CertificateStatus> recorded = Optional.ofNullable(pair.getStatus())
                .map(PingPongPairStatus::getCertificate);
        for (Side side : sides(spec)) {
            String secret = children.tlsSecret(side);
            Optional<ServedCertificate> leaf = CertManagerReport.leaf(secret(context, secret));
            String before = recorded.map(side == Side.SERVER ? CertificateStatus::getSha256
                    : CertificateStatus::getClientSha256).orElse(null);
            String what = "certificate/" + side.component();
            if (leaf.isPresent() && statusLag.due(pair, what, leaf.get().sha256Hex(), before)) {
                PairEvents.certManagerWrote(context.getClient(), pair, secret, leaf.get(), before == null, now);
                statusLag.acted(pair, what, leaf.get().sha256Hex());
            }
        }
    }

    private static List<Side> sides(EffectiveSpec spec) {
        return spec.mutualTls() ? List.of(Side.SERVER, Side.CLIENT) : List.of(Side.SERVER);
    }

    /**
     * A paused pair: no child is written, no certificate issued, no side restarted and nothing rescheduled; the
     * status follows what the children show (their events still arrive).
     */
    private UpdateControl<PingPongPair> paused(PingPongPair pair, Context<PingPongPair> context, Instant now) {
        Children children = Children.of(pair);
        Map<Side, SideReadiness> readiness = new EnumMap<>(Side.class);
        for (Side side : Side.values()) {
            readiness.put(side, SideReadiness.observed(side, children.deployment(side),
                    deployment(context, children, side)));
        }
        if (statusLag.due(pair, PAUSE, StatusComposer.PAUSED, StatusComposer.pauseReason(pair))) {
            LOG.info("paused pair={}/{}", children.namespace(), children.pair());
            PairEvents.normal(context.getClient(), pair, PairEvents.PAUSED, StatusComposer.PAUSED_MESSAGE, now);
            statusLag.acted(pair, PAUSE, StatusComposer.PAUSED);
        }
        return patchIfChanged(pair, StatusComposer.paused(pair, readiness, now), context);
    }

    /**
     * Unexpected failures (API errors, conflicts) land in the status and in one log line here; JOSDK retries them
     * with bounded backoff (its own per-attempt WARN with a stack trace is silenced in simplelogger.properties).
     */
    @Override
    public ErrorStatusUpdateControl<PingPongPair> updateErrorStatus(PingPongPair pair, Context<PingPongPair> context,
                                                                   Exception e) {
        boolean invalid = StatusComposer.invalidSpec(e).isPresent();
        if (!invalid) {
            LOG.warn("reconcile failed pair={}/{} attempt={} lastAttempt={}: {}", pair.getMetadata().getNamespace(),
                    pair.getMetadata().getName(),
                    context.getRetryInfo().map(retry -> retry.getAttemptCount()).orElse(1),
                    context.getRetryInfo().map(retry -> retry.isLastAttempt()).orElse(true),
                    StatusComposer.describe(e));
        }
        PingPongPairStatus status = StatusComposer.failed(pair, e, clock.instant());
        metrics.pairStatus(pair, status);
        // a retry that fails like the last one changes nothing worth a write
        ErrorStatusUpdateControl<PingPongPair> control = unchanged(pair, status, context)
                ? ErrorStatusUpdateControl.noStatusUpdate() : ErrorStatusUpdateControl.patchStatus(withStatus(pair, status));
        return invalid ? control.withNoRetry() : control;
    }

    /** Writes the status only when it changed: an unchanged pair costs no API call. */
    private UpdateControl<PingPongPair> patchIfChanged(PingPongPair pair, PingPongPairStatus status,
                                                       Context<PingPongPair> context) {
        metrics.pairStatus(pair, status);
        return unchanged(pair, status, context) ? UpdateControl.noUpdate()
                : UpdateControl.patchStatus(withStatus(pair, status));
    }

    /**
     * A status that says a person must act (invalid or unreadable spec, conflicting object): written, with an
     * Event and a log line, when it is new; unchanged, it costs nothing.
     */
    private UpdateControl<PingPongPair> blocked(PingPongPair pair, PingPongPairStatus status,
                                                Context<PingPongPair> context, Instant now) {
        metrics.pairStatus(pair, status);
        if (unchanged(pair, status, context)) {
            return UpdateControl.noUpdate();
        }
        Condition ready = Conditions.find(status.getConditions(), Conditions.READY).orElseThrow();
        String recorded = Optional.ofNullable(pair.getStatus())
                .flatMap(previous -> Conditions.find(previous.getConditions(), Conditions.READY))
                .map(PingPongPairReconciler::blocker).orElse(null);
        if (statusLag.due(pair, BLOCKED, blocker(ready), recorded)) {
            PairEvents.warn(context.getClient(), pair, ready.getReason(), ready.getMessage(), now);
            statusLag.acted(pair, BLOCKED, blocker(ready));
        }
        return UpdateControl.patchStatus(withStatus(pair, status));
    }

    /** What a blocking Ready condition reports, for telling a new blocker from one already reported. */
    private static String blocker(Condition ready) {
        return ready.getReason() + "@" + ready.getObservedGeneration() + ": " + ready.getMessage();
    }

    private static boolean unchanged(PingPongPair pair, PingPongPairStatus status, Context<PingPongPair> context) {
        var serialization = context.getClient().getKubernetesSerialization();
        return pair.getStatus() != null && serialization.asJson(pair.getStatus()).equals(serialization.asJson(status));
    }

    private static PingPongPair withStatus(PingPongPair pair, PingPongPairStatus status) {
        pair.setStatus(status);
        return pair;
    }

    /**
     * When to look again without an event: the next certificate renewal, a pending recovery check, or the next look
     * for cert-manager; empty when only events can change anything.
     */
    private static Optional<Duration> nextCheck(CertificateReport certificates, EffectiveSpec spec,
                                                Iterable<SideRecovery.Assessment> assessments, Instant now) {
        Duration next = certificates.lookAgainAt().map(at -> Duration.between(now, at)).orElse(null);
        for (SideRecovery.Assessment assessment : assessments) {
            RecoveryDecision decision = assessment.decision();
            Duration recheck = null;
            if (decision instanceof RecoveryDecision.WaitAndSee wait) {
                recheck = wait.recheckAfter();
            } else if (decision instanceof RecoveryDecision.Restart || decision instanceof RecoveryDecision.Exhausted) {
                recheck = spec.unhealthyAfter();
            }
            if (recheck != null && (next == null || recheck.compareTo(next) < 0)) {
                next = recheck;
            }
        }
        return Optional.ofNullable(next).map(after -> after.compareTo(SOONEST_RECHECK) < 0 ? SOONEST_RECHECK : after);
    }

    /** What the observer needs of a pair's spec; empty for an invalid one, which it leaves alone. */
    private Optional<Duration> unhealthyAfter(PingPongPair pair) {
        try {
            return Optional.of(EffectiveSpec.resolve(pair.getSpec(), images, clusterDomain).unhealthyAfter());
        } catch (InvalidSpecException e) {
            return Optional.empty();
        }
    }

    /**
     * The TLS Secret {@code side} mounts, when it holds no certificate: the server's own, the client's own with
     * mutual TLS, else the server's (for its ca.crt). Only cert-manager leaves one so for long.
     */
    private static Optional<String> awaitedSecret(Context<PingPongPair> context, Children children, EffectiveSpec spec,
                                                  Side side) {
        String name = children.tlsSecret(side == Side.CLIENT && spec.mutualTls() ? Side.CLIENT : Side.SERVER);
        return secret(context, name).flatMap(s -> SecretData.read(s, SecretData.TLS_CRT)).isPresent()
                ? Optional.empty() : Optional.of(name);
    }

    private static Optional<Secret> secret(Context<PingPongPair> context, String name) {
        return ChildInformers.cached(context, Secret.class, ChildInformers.SECRETS, name);
    }

    /** The CA of issuer secret; only while the informer lacks it, one GET tells a missing Secret from an unlabelled one. */
    private static CertificateAuthority providedCa(Context<PingPongPair> context, Children children, EffectiveSpec spec,
                                                   Instant now) throws ProvidedCa.Unavailable {
        String name = spec.issuance().caSecretName().orElseThrow();
        Optional<Secret> labelled = ChildInformers.cached(context, Secret.class, ChildInformers.CA_SECRETS, name);
        boolean exists = labelled.isPresent()
                || context.getClient().secrets().inNamespace(children.namespace()).withName(name).get() != null;
        return ProvidedCa.load(children.namespace(), name, labelled, exists, now);
    }

    private static Optional<Deployment> deployment(Context<PingPongPair> context, Children children, Side side) {
        return ChildInformers.cached(context, Deployment.class, ChildInformers.DEPLOYMENTS, children.deployment(side));
    }
}
