package dev.pingpong.operator.dependent;

/**
 * The restart annotations a side's Deployment carries. {@code restartedAt} sits on the pod template (changing it
 * rolls the pods); {@code history} sits on the Deployment itself (the restart times of the last hour, which the
 * recovery policy counts and which survive an operator restart), and so does {@code count}, the side's restarts
 * ever: written in the same update as the restart itself, so the status counter can be recomputed from it
 * whatever the pair's status said when it was read. Any may be null.
 */
public record RestartMarks(String restartedAt, String history, String count) {

    public static final String RESTARTED_AT = "pingpong.dev/restartedAt";
    public static final String HISTORY = "pingpong.dev/restartHistory";
    public static final String COUNT = "pingpong.dev/restarts";
}
