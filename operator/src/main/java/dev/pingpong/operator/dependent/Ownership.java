package dev.pingpong.operator.dependent;

import dev.pingpong.operator.model.PingPongPair;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Who controls a child. Every child carries exactly one controller ownerReference, to its pair's current uid,
 * with blockOwnerDeletion (foreground deletion of the pair waits for it). An existing object under a child's name
 * is taken over only when it is evidently this pair's (a reference to a pair of this name, perhaps an earlier one
 * that was deleted and recreated, or this pair's instance label) and no one else controls it; otherwise it is a
 * {@link ChildConflictException} naming what a person can do.
 */
public final class Ownership {

    private static final String KIND = "PingPongPair";

    private Ownership() {
    }

    public static OwnerReference controllerReference(PingPongPair pair) {
        return new OwnerReferenceBuilder()
                .withApiVersion(pair.getApiVersion())
                .withKind(pair.getKind())
                .withName(pair.getMetadata().getName())
                .withUid(pair.getMetadata().getUid())
                .withController(true)
                .withBlockOwnerDeletion(true)
                .build();
    }

    /** Whether {@code child}'s only controller reference is the one {@link #controllerReference} makes. */
    static boolean controlledBy(HasMetadata child, PingPongPair pair) {
        return controller(child).filter(reference -> reference.equals(controllerReference(pair))).isPresent();
    }

    /**
     * The ownerReferences {@code child} gets when {@code pair} takes it over: references to earlier pairs of this
     * name dropped, the controller reference to this one added, any other (non-controller) owner kept.
     */
    static List<OwnerReference> adopted(HasMetadata child, PingPongPair pair) {
        requireAdoptable(child, pair);
        List<OwnerReference> references = new ArrayList<>();
        for (OwnerReference reference : child.getMetadata().getOwnerReferences()) {
            if (!namesPair(reference, pair)) {
                references.add(reference);
            }
        }
        references.add(controllerReference(pair));
        return references;
    }

    /** ChildConflictException unless {@code pair} may take {@code child} over. */
    static void requireAdoptable(HasMetadata child, PingPongPair pair) {
        String what = child.getKind() + " " + child.getMetadata().getNamespace() + "/" + child.getMetadata().getName();
        Optional<OwnerReference> controller = controller(child);
        if (controller.isPresent() && !namesPair(controller.get(), pair)) {
            throw new ChildConflictException(what + " is controlled by " + controller.get().getKind() + " "
                    + controller.get().getName() + ", not by PingPongPair " + pair.getMetadata().getName()
                    + ": delete it, or recreate the pair under another name");
        }
        boolean referencesPair = child.getMetadata().getOwnerReferences().stream().anyMatch(r -> namesPair(r, pair));
        Map<String, String> labels = Optional.ofNullable(child.getMetadata().getLabels()).orElse(Map.of());
        boolean labelledForPair = pair.getMetadata().getName().equals(labels.get(Children.INSTANCE_LABEL));
        if (!referencesPair && !labelledForPair) {
            throw new ChildConflictException(what + " already exists and was not made for PingPongPair "
                    + pair.getMetadata().getName() + ": delete it, or label it " + Children.INSTANCE_LABEL + "="
                    + pair.getMetadata().getName() + " to let the operator take it over and replace its content");
        }
    }

    private static Optional<OwnerReference> controller(HasMetadata child) {
        return child.getMetadata().getOwnerReferences().stream()
                .filter(reference -> Boolean.TRUE.equals(reference.getController()))
                .findFirst();
    }

    /** A reference to a pair of this name, whatever its uid (the pair may have been deleted and recreated). */
    private static boolean namesPair(OwnerReference reference, PingPongPair pair) {
        return KIND.equals(reference.getKind()) && Objects.equals(reference.getApiVersion(), pair.getApiVersion())
                && Objects.equals(reference.getName(), pair.getMetadata().getName());
    }
}
