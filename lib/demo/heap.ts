import type { Stamped } from "./world";

// A binary min-heap of emitted events ordered by (time, generation number), so the
// generator can release events in time order while later requests are still being written.
export class EventHeap {
  private items: Stamped[] = [];

  get size(): number {
    return this.items.length;
  }

  peek(): Stamped | undefined {
    return this.items[0];
  }

  push(item: Stamped): void {
    const items = this.items;
    items.push(item);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(item, items[parent] as Stamped)) break;
      items[i] = items[parent] as Stamped;
      i = parent;
    }
    items[i] = item;
  }

  pop(): Stamped | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (!top || !last || items.length === 0) return top;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= items.length) break;
      const right = left + 1;
      const child = right < items.length && before(items[right] as Stamped, items[left] as Stamped) ? right : left;
      if (!before(items[child] as Stamped, last)) break;
      items[i] = items[child] as Stamped;
      i = child;
    }
    items[i] = last;
    return top;
  }
}

function before(a: Stamped, b: Stamped): boolean {
  return a.ms < b.ms || (a.ms === b.ms && a.n < b.n);
}
