/**
 * Message id → a row of numbers (and one string), for the reply parts'
 * indexes of their newest messages. They look an id up and add one for every
 * message; a `Map` of row objects made each message cost an object that
 * lives for `windowIds` messages (so it is copied and promoted by the
 * garbage collector) and a slot in a map that churns. Here rows are columns
 * of typed arrays in an open-addressed table: no allocation per message, and
 * rows are only dropped in bulk ({@link deleteWhere}).
 */
export class IdTable {
  /** Rows in use. */
  size = 0;
  private bits = 0;
  /** Slot → id, NaN for a free slot. */
  private ids: Float64Array = new Float64Array(0);
  private numbers: Float64Array[] = [];
  private texts: string[] = [];
  /** The columns {@link deleteWhere} last moved rows out of, to move rows into next time. */
  private spare: Columns | null = null;

  /** @param numberColumns how many number columns each row has */
  constructor(private readonly numberColumns: number) {
    this.allocate(4);
  }

  /** The slot of `id`, or -1 when it has no row. */
  find(id: number): number {
    const ids = this.ids;
    const mask = ids.length - 1;
    for (let slot = this.home(id); ; slot = (slot + 1) & mask) {
      const held = ids[slot]!;
      if (held === id) return slot;
      if (held !== held) return -1; // NaN: a free slot ends the probe
    }
  }

  /**
   * The slot of `id`'s row, made (with zeros and "") when it had none. A slot
   * holds until the next `put` of a new id or {@link deleteWhere}.
   */
  put(id: number): number {
    let ids = this.ids;
    let mask = ids.length - 1;
    let slot = this.home(id);
    for (let held = ids[slot]!; held === held; held = ids[slot]!) {
      if (held === id) return slot;
      slot = (slot + 1) & mask;
    }
    // Grow at 3/4 full: linear probing stays short below that.
    if ((this.size + 1) * 4 > ids.length * 3) {
      this.allocate(this.bits + 1);
      ids = this.ids;
      mask = ids.length - 1;
      for (slot = this.home(id); ids[slot] === ids[slot]; slot = (slot + 1) & mask);
    }
    ids[slot] = id;
    this.size++;
    return slot;
  }

  /** Number column `column` of the row in `slot`. */
  number(slot: number, column: number): number {
    return this.numbers[column]![slot]!;
  }

  setNumber(slot: number, column: number, value: number): void {
    this.numbers[column]![slot] = value;
  }

  /** The string of the row in `slot` ("" until set). */
  text(slot: number): string {
    return this.texts[slot]!;
  }

  setText(slot: number, value: string): void {
    this.texts[slot] = value;
  }

  /** The id in `slot`. */
  idAt(slot: number): number {
    return this.ids[slot]!;
  }

  /** Slots in use, in no particular order; valid until the table changes. */
  slots(): number[] {
    const slots: number[] = [];
    const ids = this.ids;
    for (let slot = 0; slot < ids.length; slot++) if (ids[slot] === ids[slot]) slots.push(slot);
    return slots;
  }

  /** Slots in use, by id ascending; valid until the table changes. */
  slotsById(): number[] {
    const ids = this.ids;
    return this.slots().sort((a, b) => ids[a]! - ids[b]!);
  }

  /** Ids with a row, ascending. */
  sortedIds(): number[] {
    return this.slotsById().map((slot) => this.ids[slot]!);
  }

  /**
   * Drops the rows `drop` accepts (called once per row, with its slot, before
   * anything moves). The table keeps its size unless it is mostly empty: the
   * reply parts drop half their rows every window and add as many again.
   */
  deleteWhere(drop: (id: number, slot: number) => boolean): void {
    const kept = this.slots().filter((slot) => !drop(this.ids[slot]!, slot));
    if (kept.length === this.size) return;
    const old: Columns = { ids: this.ids, numbers: this.numbers, texts: this.texts };
    const shrink = kept.length * 16 < old.ids.length;
    if (shrink) {
      let bits = 4;
      while (kept.length * 4 > (1 << bits) * 3) bits++;
      this.allocate(bits, false);
    } else if (this.spare === null || this.spare.ids.length !== old.ids.length) {
      this.allocate(this.bits, false);
    } else {
      // Reused rather than allocated: fresh columns each window were a steady churn of large arrays.
      ({ ids: this.ids, numbers: this.numbers, texts: this.texts } = this.spare);
      this.ids.fill(Number.NaN);
      for (const column of this.numbers) column.fill(0);
      this.texts.fill("");
    }
    this.spare = shrink ? null : old;
    this.size = 0;
    for (const from of kept) this.copyRow(old.ids[from]!, from, old.numbers, old.texts);
  }

  /** Slot of `id` in a table of the current size when no row holds it yet, probing from its hash. */
  private home(id: number): number {
    // Fibonacci hashing of both 32-bit halves: dense or strided ids spread alike.
    const low = id | 0;
    const high = (id / 0x100000000) | 0;
    return (Math.imul(low ^ Math.imul(high, 0x85ebca6b), 0x9e3779b1) >>> (32 - this.bits)) | 0;
  }

  /** New columns of 2^bits slots; the rows move over unless `keep` is false. */
  private allocate(bits: number, keep = true): void {
    const oldIds = this.ids;
    const oldNumbers = this.numbers;
    const oldTexts = this.texts;
    const slots = 1 << bits;
    this.bits = bits;
    this.ids = new Float64Array(slots).fill(Number.NaN);
    this.numbers = Array.from({ length: this.numberColumns }, () => new Float64Array(slots));
    this.texts = new Array<string>(slots).fill("");
    if (!keep) return;
    this.spare = null;
    this.size = 0;
    for (let from = 0; from < oldIds.length; from++)
      if (oldIds[from] === oldIds[from]) this.copyRow(oldIds[from]!, from, oldNumbers, oldTexts);
  }

  private copyRow(id: number, from: number, numbers: Float64Array[], texts: string[]): void {
    const slot = this.put(id);
    for (let column = 0; column < this.numberColumns; column++)
      this.numbers[column]![slot] = numbers[column]![from]!;
    this.texts[slot] = texts[from]!;
  }
}

/** The storage of a table's rows. */
interface Columns {
  ids: Float64Array;
  numbers: Float64Array[];
  texts: string[];
}
