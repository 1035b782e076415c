package io.incidentflow.oncall;

/** One way to reach a responder. A channel that cannot take a page says why; the next channel is tried. */
public interface PagingChannel {

  /** Its name in the page log: {@code email}, {@code webhook}. */
  String name();

  /**
   * @throws ChannelFailure when this channel cannot reach the responder now (no address, the peer refused)
   */
  void send(Responder responder, PageMessage page) throws ChannelFailure;

  /** Why a channel could not take a page. */
  final class ChannelFailure extends Exception {
    public ChannelFailure(String reason) {
      super(reason);
    }

    public ChannelFailure(String reason, Throwable cause) {
      super(reason, cause);
    }
  }
}
