// The chain's time without waiting for the chain, for the meter's check of readings dated in the future: the time last
// read from the chain, moved on by the wall clock since. The meter's housekeeping reads the chain again every round.

export class ChainClock {
  readonly #read: () => Promise<bigint>;
  #chainSeconds = 0n;
  #readAtMs = 0;

  private constructor(read: () => Promise<bigint>) {
    this.#read = read;
  }

  /** A clock that has read the chain's time once. */
  static async start(read: () => Promise<bigint>): Promise<ChainClock> {
    const clock = new ChainClock(read);
    await clock.sync();
    return clock;
  }

  /** Reads the chain's time again. */
  async sync(): Promise<void> {
    const chainSeconds = await this.#read();
    this.#chainSeconds = chainSeconds;
    this.#readAtMs = Date.now();
  }

  /** The chain's time now, in Unix seconds. */
  readonly now = (): bigint => this.#chainSeconds + BigInt(Math.floor((Date.now() - this.#readAtMs) / 1000));
}
