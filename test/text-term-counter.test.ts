import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TermCounter, TermCounterError, type TermCounterJson } from "@tgstats/engine";
import { kthLargest } from "../packages/engine/src/engine/text/term-counter.js";
import { Prng } from "@tgstats/sandbox";

/** Reference: a plain Map count, sorted count desc then term asc. */
function naiveTop(terms: readonly string[]): { term: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
  return [...counts]
    .map(([term, count]) => ({ term, count }))
    .sort((a, b) => b.count - a.count || (a.term < b.term ? -1 : 1));
}

function counterOf(
  terms: readonly string[],
  options?: ConstructorParameters<typeof TermCounter>[0],
): TermCounter {
  const counter = new TermCounter(options);
  for (const term of terms) counter.add(term);
  return counter;
}

/** Everything a reader can observe. */
function observe(counter: TermCounter): unknown {
  return {
    top: counter.top(Infinity),
    total: counter.total,
    exact: counter.exact,
    errorBound: counter.errorBound,
  };
}

const smallVocabulary = fc.array(
  fc.constantFrom("a", "b", "c", "d", "e", "ab", "B", "кот", "п'ять"),
  {
    maxLength: 60,
  },
);

/** A Zipf-like stream: term i drawn with probability ∝ 1/(i+1). */
function zipfStream(length: number, vocabulary: number, seed: number): string[] {
  const prng = new Prng(seed);
  const random = (): number => prng.next();
  const weights = Array.from({ length: vocabulary }, (_, index) => 1 / (index + 1));
  const cumulative: number[] = [];
  let sum = 0;
  for (const weight of weights) cumulative.push((sum += weight));
  return Array.from({ length }, () => {
    const target = random() * sum;
    let low = 0;
    let high = vocabulary - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (cumulative[middle]! < target) low = middle + 1;
      else high = middle;
    }
    return `w${low}`;
  });
}

function trueCounts(terms: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
  return counts;
}

/** The Misra–Gries guarantees against the true counts. */
function expectWithinBound(counter: TermCounter, truth: ReadonlyMap<string, number>): void {
  const reported = new Map(counter.top(Infinity).map(({ term, count }) => [term, count]));
  for (const [term, count] of reported) {
    const error = truth.get(term)! - count;
    expect(error).toBeGreaterThanOrEqual(0);
    expect(error).toBeLessThanOrEqual(counter.errorBound);
  }
  for (const [term, count] of truth) {
    if (count > counter.errorBound) expect(reported.has(term)).toBe(true);
  }
  expect(counter.errorBound).toBeLessThanOrEqual(counter.total / (counter.options.capacity + 1));
}

describe("TermCounter, exact mode", () => {
  it("equals a naive count", () => {
    fc.assert(
      fc.property(smallVocabulary, (terms) => {
        const counter = counterOf(terms);
        expect(counter.top(Infinity)).toEqual(naiveTop(terms));
        expect(counter.total).toBe(terms.length);
        expect(counter.exact).toBe(true);
        expect(counter.errorBound).toBe(0);
      }),
    );
  });

  it("orders ties by plain code-unit comparison", () => {
    const counter = new TermCounter();
    counter.add("b", 2);
    counter.add("a", 2);
    counter.add("B", 2);
    counter.add("c");
    counter.add("é", 3);
    expect(counter.top(4)).toEqual([
      { term: "é", count: 3 },
      { term: "B", count: 2 },
      { term: "a", count: 2 },
      { term: "b", count: 2 },
    ]);
    expect(counter.top(1)).toEqual([{ term: "é", count: 3 }]);
    expect(counter.top(0)).toEqual([]);
  });

  it("rejects counts that are not positive integers", () => {
    const counter = new TermCounter();
    for (const count of [0, -1, 1.5, Number.NaN]) {
      expect(() => counter.add("x", count)).toThrow(TermCounterError);
    }
    expect(counter.total).toBe(0);
  });

  it("rejects bad options", () => {
    expect(() => new TermCounter({ capacity: 0 })).toThrow(TermCounterError);
    expect(() => new TermCounter({ exactLimit: -1 })).toThrow(TermCounterError);
  });
});

describe("TermCounter.merge", () => {
  it("of exact counters equals one counter of everything", () => {
    fc.assert(
      fc.property(smallVocabulary, smallVocabulary, (left, right) => {
        const merged = counterOf(left).merge(counterOf(right));
        expect(observe(merged)).toEqual(observe(counterOf([...left, ...right])));
      }),
    );
  });

  it("is associative and commutative on exact counters", () => {
    fc.assert(
      fc.property(smallVocabulary, smallVocabulary, smallVocabulary, (a, b, c) => {
        const [x, y, z] = [counterOf(a), counterOf(b), counterOf(c)];
        expect(observe(x.merge(y).merge(z))).toEqual(observe(x.merge(y.merge(z))));
        expect(observe(x.merge(y))).toEqual(observe(y.merge(x)));
      }),
    );
  });

  it("does not change its inputs", () => {
    const left = counterOf(["a", "b", "a"]);
    const right = counterOf(["b", "c"]);
    left.merge(right);
    expect(left.top(Infinity)).toEqual([
      { term: "a", count: 2 },
      { term: "b", count: 1 },
    ]);
    expect(right.top(Infinity)).toEqual([
      { term: "b", count: 1 },
      { term: "c", count: 1 },
    ]);
  });

  it("turns into a sketch when the union passes exactLimit (hand-computed reduction)", () => {
    // Union a5 b3 c2 d1: 4 distinct > exactLimit 3, and 4 = 2×capacity, so reduce:
    // the 3rd largest count is 2; subtract it, drop those ≤ 0 → a3 b1, error 2.
    const options = { exactLimit: 3, capacity: 2 };
    const left = new TermCounter(options);
    left.add("a", 5);
    left.add("b", 3);
    const right = new TermCounter(options);
    right.add("c", 2);
    right.add("d", 1);
    const merged = left.merge(right);
    expect(observe(merged)).toEqual({
      top: [
        { term: "a", count: 3 },
        { term: "b", count: 1 },
      ],
      total: 11,
      exact: false,
      errorBound: 2,
    });
  });

  it("uses the smaller options of the two", () => {
    const merged = new TermCounter({ exactLimit: 10, capacity: 5 }).merge(
      new TermCounter({ exactLimit: 20, capacity: 3 }),
    );
    expect(merged.options).toEqual({ exactLimit: 10, capacity: 3 });
  });
});

describe("TermCounter.absorb", () => {
  it("gives what merge gives, in exact and in sketch mode, and leaves its argument alone", () => {
    const options = { exactLimit: 4, capacity: 2 };
    fc.assert(
      fc.property(smallVocabulary, smallVocabulary, (left, right) => {
        for (const sizes of [undefined, options]) {
          const merged = counterOf(left, sizes).merge(counterOf(right, sizes));
          const absorbing = counterOf(left, sizes);
          const absorbed = counterOf(right, sizes);
          absorbing.absorb(absorbed);
          expect(absorbing.toJSON()).toEqual(merged.toJSON());
          expect(absorbed.toJSON()).toEqual(counterOf(right, sizes).toJSON());
        }
      }),
    );
  });

  it("counts a term's messages on after absorbing (the message numbering starts over)", () => {
    const counter = new TermCounter();
    counter.addMessage(["a"]);
    const other = new TermCounter();
    other.addMessage(["a"]);
    counter.absorb(other);
    counter.addMessage(["a", "a"]);
    expect(counter.messagesOf("a")).toBe(3);
    expect(counter.top(1)).toEqual([{ term: "a", count: 4 }]);
  });

  it("refuses a counter with other options", () => {
    expect(() =>
      new TermCounter({ exactLimit: 10, capacity: 5 }).absorb(new TermCounter({ capacity: 3 })),
    ).toThrow(TermCounterError);
  });
});

describe("TermCounter, sketch mode", () => {
  it("switches past exactLimit with the same reduction as merge", () => {
    const counter = new TermCounter({ exactLimit: 3, capacity: 2 });
    counter.add("a", 5);
    counter.add("b", 3);
    counter.add("c", 2);
    expect(counter.exact).toBe(true);
    counter.add("d");
    expect(observe(counter)).toEqual({
      top: [
        { term: "a", count: 3 },
        { term: "b", count: 1 },
      ],
      total: 11,
      exact: false,
      errorBound: 2,
    });
  });

  it("keeps the Misra–Gries bounds on a Zipf stream over a vocabulary ≫ capacity, in bounded memory", () => {
    const capacity = 200;
    const stream = zipfStream(60_000, 50_000, 1);
    const counter = new TermCounter({ exactLimit: 1_000, capacity });
    let largestSize = 0;
    for (const term of stream) {
      counter.add(term);
      largestSize = Math.max(largestSize, counter.size);
    }
    expect(counter.exact).toBe(false);
    expect(counter.errorBound).toBeGreaterThan(0);
    expect(largestSize).toBeLessThanOrEqual(Math.max(1_000 + 1, 2 * capacity));
    expect(counter.size).toBeLessThan(2 * capacity);
    expect(counter.total).toBe(stream.length);
    expectWithinBound(counter, trueCounts(stream));
    // The head of a Zipf stream stands far above the error bound: it must be found.
    expect(counter.top(1)[0]!.term).toBe("w0");
  });

  it("keeps the bounds when sketches are merged, in any grouping", () => {
    const options = { exactLimit: 100, capacity: 100 };
    const parts = [1, 2, 3, 4].map((seed) => zipfStream(15_000, 20_000, seed));
    const counters = parts.map((part) => counterOf(part, options));
    const truth = trueCounts(parts.flat());
    const leftFold = counters.reduce((merged, counter) => merged.merge(counter));
    const tree = counters[0]!.merge(counters[1]!).merge(counters[2]!.merge(counters[3]!));
    for (const merged of [leftFold, tree]) {
      expect(merged.total).toBe(60_000);
      expect(merged.size).toBeLessThan(2 * options.capacity);
      expectWithinBound(merged, truth);
    }
  });
});

describe("TermCounter, distinct messages and the at-rest cut", () => {
  /** Term → [count, messages], of every held term. */
  function held(counter: TermCounter): Record<string, [number, number]> {
    return Object.fromEntries(
      counter.top(Infinity).map(({ term, count }) => [term, [count, counter.messagesOf(term)]]),
    );
  }

  it("counts a term once per message however often the message repeats it", () => {
    const counter = new TermCounter();
    counter.addMessage(["echo", "echo", "echo", "pair"]);
    counter.addMessage(["pair"]);
    expect(held(counter)).toEqual({ echo: [3, 1], pair: [2, 2] });
  });

  it("drops a term of 2 messages and one repeated 3× in 1 message, keeps one of 3 messages (k = 3)", () => {
    // Messages: "two trio" · "two trio" · "trio echo echo echo". By hand:
    // two: count 2, 2 messages → dropped; trio: count 3, 3 messages → kept;
    // echo: count 3, 1 message → dropped. Largest dropped count: 3.
    const counter = new TermCounter();
    counter.addMessage(["two", "trio"]);
    counter.addMessage(["two", "trio"]);
    counter.addMessage(["trio", "echo", "echo", "echo"]);
    const rest = counter.withoutRare(3);
    expect(held(rest)).toEqual({ trio: [3, 3] });
    expect(rest.rareErrorBound).toBe(3);
    expect(rest.errorBound).toBe(3);
    expect(rest.exact).toBe(false);
    expect(rest.total).toBe(8);
    // The counter itself is unchanged; the cut is idempotent.
    expect(held(counter)).toEqual({ echo: [3, 1], trio: [3, 3], two: [2, 2] });
    expect(held(rest.withoutRare(3))).toEqual({ trio: [3, 3] });
    expect(rest.withoutRare(3).rareErrorBound).toBe(3);
  });

  it("adds message counts on merge and sums the cuts' bounds", () => {
    // Left: "x y" · "x". Right: "x" · "y y". Merged: x in 3 messages, y in 2.
    const left = new TermCounter();
    left.addMessage(["x", "y"]);
    left.addMessage(["x"]);
    const right = new TermCounter();
    right.addMessage(["x"]);
    right.addMessage(["y", "y"]);
    const merged = left.merge(right);
    expect(held(merged)).toEqual({ x: [3, 3], y: [3, 2] });
    // Each side alone holds no term of 3 messages: both cut everything.
    const restLeft = left.withoutRare(3);
    const restRight = right.withoutRare(3);
    expect(restLeft.size + restRight.size).toBe(0);
    expect([restLeft.rareErrorBound, restRight.rareErrorBound]).toEqual([2, 2]);
    const both = restLeft.merge(restRight);
    expect(both.rareErrorBound).toBe(4);
    // True counts x 3, y 3, both now 0: within the stated bound.
    expect(both.errorBound).toBe(4);
  });

  it("keeps the message counts through JSON and keeps counting messages after", () => {
    const counter = new TermCounter();
    counter.addMessage(["a", "a", "b"]);
    const restored = TermCounter.fromJSON(
      JSON.parse(JSON.stringify(counter.withoutRare(1))) as TermCounterJson,
    );
    restored.addMessage(["a", "b", "b"]);
    expect(held(restored)).toEqual({ a: [3, 2], b: [3, 2] });
  });

  it("keeps message counts a lower bound in sketch mode", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.constantFrom("a", "b", "c", "d", "e", "f"), { maxLength: 5 }), {
          maxLength: 40,
        }),
        (messages) => {
          const counter = new TermCounter({ exactLimit: 2, capacity: 2 });
          for (const terms of messages) counter.addMessage(terms);
          for (const { term, count } of counter.top(Infinity)) {
            const truth = messages.filter((terms: readonly string[]) =>
              terms.includes(term),
            ).length;
            expect(counter.messagesOf(term)).toBeLessThanOrEqual(truth);
            expect(counter.messagesOf(term)).toBeLessThanOrEqual(count);
            expect(counter.messagesOf(term)).toBeGreaterThanOrEqual(1);
          }
        },
      ),
    );
  });

  it("rejects a minimum that is not a positive integer", () => {
    expect(() => new TermCounter().withoutRare(0)).toThrow(TermCounterError);
  });
});

describe("kthLargest", () => {
  it("equals sorting", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 200 }),
        fc.nat(),
        (values, pick) => {
          const k = pick % values.length;
          const sorted = [...values].sort((a, b) => b - a);
          expect(kthLargest(Float64Array.from(values), k)).toBe(sorted[k]);
        },
      ),
    );
  });
});

describe("TermCounter JSON", () => {
  it("round-trips exact and sketch counters through JSON text", () => {
    const exact = counterOf(["кот", "п'ять", "кот"]);
    const sketch = counterOf(zipfStream(5_000, 5_000, 7), { exactLimit: 50, capacity: 20 });
    for (const counter of [exact, sketch]) {
      const json = JSON.parse(JSON.stringify(counter)) as TermCounterJson;
      const restored = TermCounter.fromJSON(json);
      expect(observe(restored)).toEqual(observe(counter));
      expect(restored.options).toEqual(counter.options);
      // It keeps counting the same way.
      const more = zipfStream(2_000, 5_000, 8);
      for (const term of more) {
        restored.add(term);
        counter.add(term);
      }
      expect(observe(restored)).toEqual(observe(counter));
    }
  });

  it("restores the same counter from its unsorted JSON, terms in the order they came", () => {
    const counter = counterOf(["b", "a", "b", "c"]);
    const unsorted = counter.toUnsortedJSON();
    expect(unsorted.terms).toEqual(["b", "a", "c"]);
    expect(unsorted.counts).toEqual([2, 1, 1]);
    expect(TermCounter.fromJSON(unsorted).toJSON()).toEqual(counter.toJSON());
  });

  it("gives equal JSON for equal counts, whatever the order they came in", () => {
    fc.assert(
      fc.property(smallVocabulary, smallVocabulary, (left, right) => {
        const json = JSON.stringify(counterOf([...left, ...right]));
        expect(JSON.stringify(counterOf([...right, ...left]))).toBe(json);
        expect(JSON.stringify(counterOf(right).merge(counterOf(left)))).toBe(json);
      }),
    );
    expect(counterOf(["b", "a", "b"]).toJSON()).toEqual({
      exactLimit: 100_000,
      capacity: 20_000,
      total: 3,
      sketchErrorBound: 0,
      rareErrorBound: 0,
      terms: ["a", "b"],
      counts: [1, 2],
      messages: [1, 2],
    });
  });

  it("rejects a malformed state with an error that says what to do", () => {
    const json = counterOf(["a", "b"]).toJSON();
    const broken: TermCounterJson[] = [
      { ...json, counts: [1] },
      { ...json, counts: [1, -2] },
      { ...json, terms: ["a", "a"] },
      { ...json, capacity: 0 },
      { ...json, messages: [1] },
      { ...json, messages: [2, 1] },
    ];
    for (const state of broken) {
      expect(() => TermCounter.fromJSON(state)).toThrow(/drop the cached state and recount/);
    }
  });
});
