package dev.pingpong.operator.observe;

/** What reading one client pod's {@code /metrics} gave: a sample, or why there is none. */
sealed interface PodScrape {

    String pod();

    record Read(String pod, ClientSample sample) implements PodScrape {
    }

    record Failed(String pod, String error) implements PodScrape {
    }
}
