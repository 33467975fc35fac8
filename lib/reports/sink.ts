import { once } from "node:events";
import { createWriteStream, type WriteStream } from "node:fs";

// A file written a chunk at a time that waits when the disk falls behind (stream backpressure),
// so the evidence stream never piles up in memory.

export class FileSink {
  private readonly stream: WriteStream;
  private failure: Error | null = null;
  bytes = 0;

  constructor(readonly path: string) {
    this.stream = createWriteStream(path, { flags: "wx" });
    this.stream.on("error", (error) => {
      this.failure = error;
    });
  }

  async write(chunk: string): Promise<void> {
    if (this.failure) throw this.failure;
    if (chunk === "") return;
    this.bytes += Buffer.byteLength(chunk);
    // `once` rejects if the stream emits "error" while we wait.
    if (!this.stream.write(chunk)) await once(this.stream, "drain");
    if (this.failure) throw this.failure;
  }

  async close(): Promise<void> {
    if (this.failure) throw this.failure;
    this.stream.end();
    await once(this.stream, "finish");
    if (this.failure) throw this.failure;
  }

  /** Closes without waiting for success, after something else failed. */
  destroy(): void {
    this.stream.destroy();
  }
}
