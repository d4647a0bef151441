package dev.pingpong.operator.dependent;

import dev.pingpong.operator.model.PingPongPair;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.Matcher.Result;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.GenericKubernetesResourceMatcher;
import java.net.HttpURLConnection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A child of a pair, controlled by it (see {@link Ownership}). Besides JOSDK's create/update/match it takes over an
 * object that already exists under the child's name but is invisible to the informers (no managed-by label) when
 * that is safe, and re-points a child left by an earlier pair of the same name at the current pair's uid.
 */
public abstract class PairChild<R extends HasMetadata> extends CRUDKubernetesDependentResource<R, PingPongPair> {

    private static final Logger LOG = LoggerFactory.getLogger(PairChild.class);

    protected PairChild(Class<R> type) {
        super(type);
    }

    @Override
    protected void addReferenceHandlingMetadata(R desired, PingPongPair pair) {
        desired.getMetadata().setOwnerReferences(List.of(Ownership.controllerReference(pair)));
    }

    /**
     * Whether the API server adds nothing to this child's spec, so a field only the stored object has is drift too
     * (the generic match ignores such fields, as servers default many). Then the spec must be equal.
     */
    protected boolean specIsAllOurs() {
        return false;
    }

    /** A child that is right in every field but controlled by an earlier pair (or not at all) does not match. */
    @Override
    public Result<R> match(R actual, R desired, PingPongPair pair, Context<PingPongPair> context) {
        Result<R> generic = specIsAllOurs()
                ? GenericKubernetesResourceMatcher.match(desired, actual, false, true, context)
                : super.match(actual, desired, pair, context);
        return generic.matched() && Ownership.controlledBy(actual, pair) ? generic : Result.computed(false, desired);
    }

    @Override
    public R update(R actual, R desired, PingPongPair pair, Context<PingPongPair> context) {
        if (Ownership.controlledBy(actual, pair)) {
            return super.update(actual, desired, pair, context);
        }
        R adopted = context.getClient().getKubernetesSerialization().clone(actual);
        adopted.getMetadata().setOwnerReferences(Ownership.adopted(actual, pair));
        LOG.info("adopting {} {}/{} for pair={}", actual.getKind(), actual.getMetadata().getNamespace(),
                actual.getMetadata().getName(), pair.getMetadata().getName());
        return super.update(adopted, desired, pair, context);
    }

    /** An object of that name the informer cannot see (not labelled as ours) is adopted or reported. */
    @Override
    public R create(R desired, PingPongPair pair, Context<PingPongPair> context) {
        try {
            return super.create(desired, pair, context);
        } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                throw e;
            }
            R existing = context.getClient().resource(desired).get();
            if (existing == null) {
                throw e; // deleted in the meantime: the retry creates it
            }
            return update(existing, desired, pair, context);
        }
    }
}
