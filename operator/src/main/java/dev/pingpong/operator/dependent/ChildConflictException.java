package dev.pingpong.operator.dependent;

/**
 * An object under a child's name that the pair may not take over: reported on the pair with the action a person
 * can take, and looked at again later (objects the operator did not make send it no events).
 */
public class ChildConflictException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ChildConflictException(String message) {
        super(message);
    }
}
