/**
 * The cast of a synthetic chat: names in three languages (plus nicknames and a
 * few deleted accounts), user ids, usernames, Zipf-like activity, and when each
 * person is around (people join over time, some leave).
 */

import {
  ENGLISH_NAMES,
  NICKNAMES,
  RUSSIAN_NAMES,
  UKRAINIAN_NAMES,
  type CorpusLanguage,
} from "./corpus.js";
import type { PeerName } from "./message-draft.js";
import { WeightedTable, type Prng } from "./prng.js";
import type { Mentionable, WritingStyle } from "./text-maker.js";

/** One synthetic chat member. */
export interface Person extends Mentionable {
  index: number;
  peer: PeerName;
  style: WritingStyle;
  /** Relative activity (Zipf by rank). */
  weight: number;
  /** Share of the history (0…1) when the person appears and stops writing. */
  activeFrom: number;
  activeUntil: number;
  isAdmin: boolean;
  isPremium: boolean;
  /** Multiplies the chance of sending media instead of text. */
  mediaBias: number;
}

const USERNAME_STEMS = [
  "alex",
  "dima",
  "kate",
  "max",
  "olga",
  "ivan",
  "nastya",
  "sergey",
  "taras",
  "oksana",
  "misha",
  "lena",
  "andrii",
  "yulia",
  "pavel",
  "sasha",
  "artem",
  "nick",
  "anna",
  "vlad",
];
const USERNAME_SUFFIXES = ["", "_k", "93", "_dev", "2000", "_m", "x", "_ua", "_ru", "_88", "_pro"];

/**
 * Creates `count` people, most active first.
 *
 * @example createPeople(40, prng)[0].weight // 1 (the most active member)
 */
export function createPeople(count: number, prng: Prng): Person[] {
  const deleted = new Set<number>();
  if (count >= 10) {
    const deletedCount = Math.max(1, Math.round(count * 0.03));
    while (deleted.size < deletedCount) deleted.add(prng.int(Math.ceil(count / 2), count - 1));
  }
  const usedIds = new Set<number>();
  const usedUsernames = new Set<string>();
  const people: Person[] = [];
  for (let index = 0; index < count; index++) {
    const language = pickLanguage(prng);
    const name = deleted.has(index) ? null : personName(language, prng);
    let userId = prng.int(100_000_000, 6_999_999_999);
    while (usedIds.has(userId)) userId += 1;
    usedIds.add(userId);
    const username =
      name !== null && prng.chance(0.55) ? uniqueUsername(prng, usedUsernames) : null;
    const core = index < 5;
    const activeFrom = core ? 0 : 0.85 * Math.pow(prng.next(), 1.5);
    const leaves = !core && prng.chance(0.12);
    people.push({
      index,
      userId,
      username,
      firstName: name?.split(" ")[0] ?? null,
      peer: { name, id: `user${userId}` },
      style: {
        language,
        apostrophe: prng.pick(["'", "'", "’", "ʼ"]),
        emojiRate: 0.05 + 0.3 * prng.next(),
      },
      weight: 1 / Math.pow(index + 1, 0.95),
      activeFrom,
      activeUntil: leaves ? activeFrom + (1 - activeFrom) * (0.3 + 0.6 * prng.next()) : 1,
      isAdmin: index < 3 && name !== null,
      isPremium: prng.chance(0.1),
      mediaBias: 0.5 + prng.next(),
    });
  }
  return people;
}

function pickLanguage(prng: Prng): CorpusLanguage {
  const roll = prng.next();
  return roll < 0.62 ? "ru" : roll < 0.8 ? "uk" : "en";
}

function personName(language: CorpusLanguage, prng: Prng): string {
  if (prng.chance(0.12)) return prng.pick(NICKNAMES);
  const firstOnly = prng.chance(0.15);
  if (language === "en") {
    const first = prng.pick(ENGLISH_NAMES.first);
    return firstOnly ? first : `${first} ${prng.pick(ENGLISH_NAMES.surnames)}`;
  }
  const female = prng.chance(0.5);
  if (language === "uk") {
    const first = prng.pick(female ? UKRAINIAN_NAMES.female : UKRAINIAN_NAMES.male);
    return firstOnly ? first : `${first} ${prng.pick(UKRAINIAN_NAMES.surnames)}`;
  }
  const first = prng.pick(female ? RUSSIAN_NAMES.female : RUSSIAN_NAMES.male);
  const [male, femaleForm] = prng.pick(RUSSIAN_NAMES.surnames);
  return firstOnly ? first : `${first} ${female ? femaleForm : male}`;
}

function uniqueUsername(prng: Prng, used: Set<string>): string {
  let username = prng.pick(USERNAME_STEMS) + prng.pick(USERNAME_SUFFIXES);
  for (let n = 2; used.has(username); n++) username = `${username.replace(/\d+$/, "")}${n}`;
  used.add(username);
  return username;
}

/** Who is around at a point of the history, weighted by activity. */
export class ActiveRoster {
  private table: WeightedTable<Person> | null = null;
  private members: Person[] = [];

  constructor(private readonly people: readonly Person[]) {}

  /** Recomputes the roster for `fraction` (0…1) of the history. */
  update(fraction: number): void {
    const members = this.people.filter(
      (person) => person.activeFrom <= fraction && fraction <= person.activeUntil,
    );
    this.members = members.length > 0 ? members : this.people.slice(0, 1);
    this.table = new WeightedTable(this.members.map((person) => [person, person.weight]));
  }

  /** Active people, most active first. */
  get active(): readonly Person[] {
    return this.members;
  }

  /** One of the three most recent arrivals: who shows up in "joined the group" messages. */
  newcomer(prng: Prng): Person {
    const newest = [...this.members].sort((a, b) => b.activeFrom - a.activeFrom).slice(0, 3);
    return prng.pick(newest);
  }

  /** One active person, weighted by activity. */
  sample(prng: Prng): Person {
    if (this.table === null) this.update(0);
    return this.table!.sample(prng);
  }
}
