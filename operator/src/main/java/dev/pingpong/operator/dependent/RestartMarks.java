package dev.pingpong.operator.dependent;

/**
 * The restart annotations a side's Deployment carries. {@code restartedAt} sits on the pod template (changing it
 * rolls the pods); {@code history} sits on the Deployment itself (the restart times of the last hour, which the
 * recovery policy counts and which survive an operator restart). Either may be null.
 */
public record RestartMarks(String restartedAt, String history) {

    public static final String RESTARTED_AT = "pingpong.dev/restartedAt";
    public static final String HISTORY = "pingpong.dev/restartHistory";
}
