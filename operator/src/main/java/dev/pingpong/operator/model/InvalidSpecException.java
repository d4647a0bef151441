package dev.pingpong.operator.model;

/** A spec no reconcile can satisfy until the user edits it: reported as a condition, never retried. */
public class InvalidSpecException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidSpecException(String message) {
        super(message);
    }
}
