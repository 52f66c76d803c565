/**
 * The first `count` items of a list in sorted order, without sorting the rest: a bounded heap
 * when `count` is small beside the list (a page of 100 out of thousands of matches), a full sort
 * otherwise.
 */
export function firstSorted<T>(items: readonly T[], count: number, compare: (a: T, b: T) => number): T[] {
  if (count <= 0) return [];
  if (count * 4 >= items.length) return [...items].sort(compare).slice(0, count);
  // A max-heap of the `count` smallest so far: its root is the largest of them.
  const heap: T[] = [];
  const down = (i: number): void => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let top = i;
      if (l < heap.length && compare(heap[l]!, heap[top]!) > 0) top = l;
      if (r < heap.length && compare(heap[r]!, heap[top]!) > 0) top = r;
      if (top === i) return;
      [heap[i], heap[top]] = [heap[top]!, heap[i]!];
      i = top;
    }
  };
  for (const item of items) {
    if (heap.length < count) {
      heap.push(item);
      for (let i = heap.length - 1; i > 0; ) {
        const parent = (i - 1) >> 1;
        if (compare(heap[i]!, heap[parent]!) <= 0) break;
        [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
        i = parent;
      }
    } else if (compare(item, heap[0]!) < 0) {
      heap[0] = item;
      down(0);
    }
  }
  return heap.sort(compare);
}

/**
 * A list that sorts itself as far as it is read: `slice(start, end)` sorts only the first `end`
 * items. What a position paginator needs (`length` and `slice`) over a large, freshly matched
 * list of which one page is shown.
 */
export function sortedOnDemand<T>(items: readonly T[], compare: (a: T, b: T) => number): readonly T[] {
  const view = {
    length: items.length,
    slice: (start = 0, end = items.length) => firstSorted(items, Math.min(end, items.length), compare).slice(start),
  };
  return view as unknown as readonly T[];
}
