import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { IdTable } from "../packages/engine/src/engine/id-table.js";

type Op =
  { kind: "put"; id: number; value: number; text: string } | { kind: "drop-below"; id: number };

/** The table's rows as [id, number, text], ascending. */
function rows(table: IdTable): [number, number, string][] {
  return table
    .slotsById()
    .map((slot): [number, number, string] => [
      table.idAt(slot),
      table.number(slot, 0),
      table.text(slot),
    ]);
}

describe("IdTable", () => {
  it("keeps rows like a map of id → row", () => {
    const table = new IdTable(2);
    // Ids far apart and negative hash like any other; a put of a known id keeps its slot.
    for (const id of [7, 2 ** 40 + 7, -3, 0]) {
      const slot = table.put(id);
      table.setNumber(slot, 1, id * 2);
      table.setText(slot, `m${id}`);
    }
    expect(table.put(7)).toBe(table.find(7));
    expect(table.size).toBe(4);
    expect(table.find(8)).toBe(-1);
    expect(table.number(table.find(2 ** 40 + 7), 1)).toBe(2 ** 41 + 14);
    expect(table.text(table.find(-3))).toBe("m-3");
    expect(table.sortedIds()).toEqual([-3, 0, 7, 2 ** 40 + 7]);
    table.deleteWhere((id) => id < 5);
    expect(table.sortedIds()).toEqual([7, 2 ** 40 + 7]);
    expect(table.find(0)).toBe(-1);
    expect(table.text(table.find(7))).toBe("m7");
  });

  it("holds the same rows as a Map under any puts and bulk drops", () => {
    const op: fc.Arbitrary<Op> = fc.oneof(
      {
        arbitrary: fc.record({
          kind: fc.constant("put" as const),
          id: fc.integer({ min: -50, max: 400 }),
          value: fc.integer(),
          text: fc.string({ maxLength: 3 }),
        }),
        weight: 8,
      },
      {
        arbitrary: fc.record({ kind: fc.constant("drop-below" as const), id: fc.nat(400) }),
        weight: 1,
      },
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 600 }), (ops) => {
        const table = new IdTable(1);
        const map = new Map<number, [number, string]>();
        for (const step of ops) {
          if (step.kind === "put") {
            const slot = table.put(step.id);
            table.setNumber(slot, 0, step.value);
            table.setText(slot, step.text);
            map.set(step.id, [step.value, step.text]);
          } else {
            table.deleteWhere((id) => id < step.id);
            for (const id of map.keys()) if (id < step.id) map.delete(id);
          }
        }
        const expected = [...map]
          .map(([id, [value, text]]): [number, number, string] => [id, value, text])
          .sort((a, b) => a[0] - b[0]);
        expect(rows(table)).toEqual(expected);
        expect(table.size).toBe(map.size);
        for (let id = -50; id <= 400; id++) expect(table.find(id) >= 0).toBe(map.has(id));
      }),
    );
  });
});
