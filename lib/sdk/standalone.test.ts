import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { Queue } from "./queue";

describe("lib/sdk stands alone", () => {
  it("imports only its own files and Node built-ins (tests and testing/ excepted)", () => {
    const files = readdirSync(import.meta.dirname).filter((name) => name.endsWith(".ts") && !name.endsWith(".test.ts"));
    expect(files).toContain("client.ts");
    const outside = files.flatMap((name) => {
      const source = readFileSync(path.join(import.meta.dirname, name), "utf8");
      const specifiers = [...source.matchAll(/(?:from|import)\s*\(?\s*["']([^"']+)["']/g)].map((m) => m[1] ?? "");
      return specifiers.filter((s) => !s.startsWith("./") && !s.startsWith("node:")).map((s) => `${name}: ${s}`);
    });
    expect(outside).toEqual([]);
  });
});

describe("Queue", () => {
  it("keeps FIFO order across its internal compaction", () => {
    const queue = new Queue<number>();
    const out: number[] = [];
    for (let n = 0; n < 5000; n++) {
      queue.push(n);
      if (n % 3 === 0) out.push(queue.shift() as number);
    }
    while (queue.length > 0) out.push(queue.shift() as number);
    expect(out).toEqual(Array.from({ length: 5000 }, (_, n) => n));
    expect(queue.shift()).toBeUndefined();
  });
});
