package dev.pingpong.operator.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * What the client pods' {@code /metrics} said at {@code scrapedTime}: a snapshot, every figure of the same scrape.
 * Counts are over the interval that scrape ended; RTTs are the client's own, over its run.
 */
// A field written by another operator version is dropped, never a reason to fail reading the pair.
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ObservedPings {
    @JsonPropertyDescription("Median round trip the client pods report (the slowest pod's), Go style, 2 significant digits")
    private String rttP50;
    @JsonPropertyDescription("99th percentile round trip the client pods report (the slowest pod's), Go style")
    private String rttP99;
    @JsonPropertyDescription("Pings lost of pings sent in the interval, in percent with one decimal; absent when none were sent")
    private String loss;
    @JsonPropertyDescription("Pings sent in the interval, all client pods")
    private Long pings;
    @JsonPropertyDescription("Pongs received in the interval, all client pods")
    private Long pongs;
    @JsonPropertyDescription("Pings lost in the interval, all client pods")
    private Long lost;
    @JsonPropertyDescription("Reconnects since the client pods started, all client pods")
    private Long reconnects;
    @JsonPropertyDescription("Client pods whose /metrics answered")
    private Integer pods;
    @JsonPropertyDescription("The scrape that first saw the latest pongs (they arrived within the interval before it)")
    private String lastPongTime;
    @JsonPropertyDescription("When these figures were read")
    private String scrapedTime;

    public String getRttP50() {
        return rttP50;
    }

    public void setRttP50(String rttP50) {
        this.rttP50 = rttP50;
    }

    public String getRttP99() {
        return rttP99;
    }

    public void setRttP99(String rttP99) {
        this.rttP99 = rttP99;
    }

    public String getLoss() {
        return loss;
    }

    public void setLoss(String loss) {
        this.loss = loss;
    }

    public Long getPings() {
        return pings;
    }

    public void setPings(Long pings) {
        this.pings = pings;
    }

    public Long getPongs() {
        return pongs;
    }

    public void setPongs(Long pongs) {
        this.pongs = pongs;
    }

    public Long getLost() {
        return lost;
    }

    public void setLost(Long lost) {
        this.lost = lost;
    }

    public Long getReconnects() {
        return reconnects;
    }

    public void setReconnects(Long reconnects) {
        this.reconnects = reconnects;
    }

    public Integer getPods() {
        return pods;
    }

    public void setPods(Integer pods) {
        this.pods = pods;
    }

    public String getLastPongTime() {
        return lastPongTime;
    }

    public void setLastPongTime(String lastPongTime) {
        this.lastPongTime = lastPongTime;
    }

    public String getScrapedTime() {
        return scrapedTime;
    }

    public void setScrapedTime(String scrapedTime) {
        this.scrapedTime = scrapedTime;
    }
}
