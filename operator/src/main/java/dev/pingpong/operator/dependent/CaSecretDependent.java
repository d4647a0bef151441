package dev.pingpong.operator.dependent;

import dev.pingpong.operator.model.PingPongPair;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.Matcher.Result;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.Objects;

/**
 * NAME-ca: the pair's own CA (Opaque, ca.crt and ca.key), and during a CA rollover its successor or retired CA;
 * only with tls.issuer self (see {@link SelfIssued}): deleted when cert-manager or the user's CA Secret signs.
 */
public class CaSecretDependent extends PairChild<Secret> {

    public static final String NAME = "ca-secret";

    public CaSecretDependent() {
        super(Secret.class);
    }

    @Override
    protected Secret desired(PingPongPair pair, Context<PingPongPair> context) {
        DesiredState state = DesiredState.of(context);
        return SecretData.ca(state.children(), state.certificates());
    }

    /**
     * Data must be equal, not merely contained: the generic matcher ignores keys the desired Secret lacks, so a
     * successor or retired CA dropped from the desired data would otherwise stay stored and trusted.
     */
    @Override
    public Result<Secret> match(Secret actual, Secret desired, PingPongPair pair, Context<PingPongPair> context) {
        Result<Secret> generic = super.match(actual, desired, pair, context);
        return generic.matched() && Objects.equals(actual.getData(), desired.getData())
                ? generic : Result.computed(false, desired);
    }

    /** Found by name, not through desired(): when the issuer is no longer self, the Secret is found to be deleted. */
    @Override
    protected ResourceID targetSecondaryResourceID(PingPongPair pair, Context<PingPongPair> context) {
        return new ResourceID(Children.of(pair).caSecret(), pair.getMetadata().getNamespace());
    }
}
