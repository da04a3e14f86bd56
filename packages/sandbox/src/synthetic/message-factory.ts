/**
 * Decides what each synthetic message is: who sends it, what kind it is, what
 * it replies to, its reactions and edits. Keeps only bounded state (the last 50
 * messages and a reservoir of older ids), so any export length streams.
 */

import { ADMIN_TITLES, FORWARD_SOURCES, REACTION_EMOJI } from "./corpus.js";
import { MediaMaker } from "./media-maker.js";
import type {
  MediaDraft,
  MessageDraft,
  PeerName,
  ReactionDraft,
  RecentReactor,
  RegularDraft,
  ServiceAction,
  ServiceDraft,
  TextPart,
} from "./message-draft.js";
import { ActiveRoster, type Person } from "./people.js";
import { WeightedTable, zipfTable, type Prng } from "./prng.js";
import type { LocalDateFormatter } from "./tdesktop-json.js";
import { TextMaker } from "./text-maker.js";

/** Chat types the generator can produce. */
export type SyntheticChatType =
  | "private_supergroup"
  | "public_supergroup"
  | "private_group"
  | "private_channel"
  | "public_channel"
  | "personal_chat";

/** Which behaviour a chat type implies. */
export type ChatFamily = "supergroup" | "group" | "channel" | "personal";

/** The chat being generated. */
export interface ChatProfile {
  type: SyntheticChatType;
  family: ChatFamily;
  id: number;
  name: string;
  /** The chat as a sender (`channel<id>`), used for channel posts and anonymous admins. */
  peer: PeerName;
  /** A channel whose posts are auto-forwarded into a supergroup. */
  linkedChannel: PeerName;
  /** Whether channel posts carry the author's signature. */
  signatures: boolean;
}

/** Control characters placed in two messages (tdesktop writes them as `\x01` and `\x1B`). */
export const CONTROL_TEXTS: readonly [string, string] = [
  "вставилось из буфера:\u0001 странно",
  "скопировал из терминала \u001b[0m ну вот",
];

/**
 * Positions (0-based) of the two messages that carry control characters:
 * ⌊n/3⌋ and ⌊2n/3⌋, only when the export has at least 100 messages.
 */
export function controlCharacterPositions(messages: number): number[] {
  return messages >= 100 ? [Math.floor(messages / 3), Math.floor((2 * messages) / 3)] : [];
}

type Kind =
  | "text"
  | "photo"
  | "sticker"
  | "voice"
  | "video_message"
  | "animation"
  | "video"
  | "file"
  | "audio"
  | "poll"
  | "location"
  | "contact"
  | "empty"
  | "unsupported"
  | "service";

/** Message mix per chat family, in percent of all messages. */
const KIND_WEIGHTS: Record<ChatFamily, readonly (readonly [Kind, number])[]> = {
  supergroup: [
    ["text", 66.2],
    ["photo", 8],
    ["sticker", 6],
    ["voice", 3.8],
    ["animation", 3],
    ["video", 3],
    ["video_message", 2],
    ["file", 1.4],
    ["audio", 0.5],
    ["poll", 0.3],
    ["location", 0.3],
    ["contact", 0.15],
    ["empty", 0.15],
    ["unsupported", 0.01],
    ["service", 3],
  ],
  group: [
    ["text", 67],
    ["photo", 8],
    ["sticker", 6.5],
    ["voice", 4],
    ["animation", 3],
    ["video", 3],
    ["video_message", 2],
    ["file", 1.5],
    ["poll", 0.3],
    ["location", 0.4],
    ["contact", 0.2],
    ["empty", 0.1],
    ["service", 3],
  ],
  channel: [
    ["text", 55],
    ["photo", 28],
    ["video", 8],
    ["file", 3],
    ["animation", 2],
    ["poll", 1.5],
    ["audio", 1],
    ["voice", 0.5],
    ["service", 1],
  ],
  personal: [
    ["text", 70],
    ["photo", 7],
    ["sticker", 7],
    ["voice", 6],
    ["video_message", 3],
    ["animation", 2],
    ["video", 2],
    ["file", 1],
    ["location", 0.5],
    ["contact", 0.3],
    ["service", 1.2],
  ],
};

const SERVICE_WEIGHTS: Record<ChatFamily, readonly (readonly [ServiceAction, number])[]> = {
  supergroup: [
    ["join_group_by_link", 30],
    ["invite_members", 18],
    ["remove_members", 12],
    ["pin_message", 14],
    ["join_group_by_request", 8],
    ["group_call", 7],
    ["invite_to_group_call", 4],
    ["edit_group_title", 3],
    ["edit_group_photo", 4],
  ],
  group: [
    ["join_group_by_link", 25],
    ["invite_members", 30],
    ["remove_members", 15],
    ["pin_message", 15],
    ["group_call", 7],
    ["edit_group_title", 4],
    ["edit_group_photo", 4],
  ],
  channel: [
    ["pin_message", 50],
    ["edit_group_title", 10],
    ["edit_group_photo", 15],
    ["group_call", 25],
  ],
  personal: [
    ["phone_call", 90],
    ["pin_message", 10],
  ],
};

const RING_SIZE = 50;
const RESERVOIR_SIZE = 512;

interface Session {
  participants: Person[];
  last: Person | null;
  messages: number;
}

/** Builds message drafts one at a time, in id order. */
export class MessageFactory {
  private readonly text: TextMaker;
  private readonly media: MediaMaker;
  private readonly roster: ActiveRoster;
  private readonly kinds: WeightedTable<Kind>;
  private readonly services: WeightedTable<ServiceAction>;
  private readonly reactionEmoji = zipfTable(REACTION_EMOJI, 1.2);
  private readonly controlPositions: number[];
  private nextId = 1;
  private sessions: (Session | undefined)[] = [];
  private album: { remaining: number; sender: Person; dateUnix: number } | null = null;
  private readonly ringIds = new Float64Array(RING_SIZE);
  private readonly ringSenders = new Int32Array(RING_SIZE);
  private ringCount = 0;
  private readonly reservoir: number[] = [];
  private droppedCount = 0;

  constructor(
    private readonly prng: Prng,
    private readonly chat: ChatProfile,
    private readonly people: readonly Person[],
    totalMessages: number,
    private readonly dates: LocalDateFormatter,
  ) {
    this.text = new TextMaker(prng);
    this.media = new MediaMaker(prng);
    this.roster = new ActiveRoster(people);
    this.kinds = new WeightedTable(KIND_WEIGHTS[chat.family]);
    this.services = new WeightedTable(SERVICE_WEIGHTS[chat.family]);
    this.controlPositions = controlCharacterPositions(totalMessages);
  }

  /** Starts a new day at `fraction` (0…1) of the history with `sessionCount` conversations. */
  beginDay(fraction: number, sessionCount: number): void {
    this.roster.update(fraction);
    this.sessions = new Array<Session | undefined>(sessionCount);
  }

  /**
   * The message at `position` (0-based) of the export.
   *
   * @param session the conversation it belongs to (from the day's schedule).
   */
  create(position: number, dateUnix: number, session: number): MessageDraft {
    const id = this.allocateId();
    if (position === 0 && this.chat.family !== "personal") return this.creation(id, dateUnix);
    const control = this.controlPositions.indexOf(position);
    if (control >= 0) {
      this.album = null;
      const sender = this.pickSender(session);
      const draft = this.regularBase(id, dateUnix, sender, [
        { type: "plain", text: CONTROL_TEXTS[control as 0 | 1] },
      ]);
      this.remember(draft, sender);
      return draft;
    }
    if (this.album !== null) return this.albumPhoto(id);
    const kind = this.kinds.sample(this.prng);
    if (kind === "unsupported") return { kind: "unsupported", id };
    if (kind === "service") {
      const service = this.service(id, dateUnix);
      if (service !== null) return service;
    }
    const sender = this.pickSender(session);
    const draft = this.regular(id, dateUnix, kind === "service" ? "text" : kind, sender, session);
    this.remember(draft, sender);
    return draft;
  }

  private allocateId(): number {
    const id = this.nextId;
    // Deleted messages leave gaps in the id sequence.
    this.nextId += this.prng.chance(0.03) ? this.prng.int(2, 16) : 1;
    return id;
  }

  private creation(id: number, dateUnix: number): ServiceDraft {
    const { chat } = this;
    if (chat.family === "group") {
      const founder = this.people[0]!;
      const members = this.people
        .filter((person) => person.activeFrom === 0 && person !== founder)
        .slice(0, 10)
        .map((person) => person.peer.name);
      return {
        kind: "service",
        id,
        dateUnix,
        actor: founder.peer,
        action: "create_group",
        title: chat.name,
        members,
      };
    }
    return {
      kind: "service",
      id,
      dateUnix,
      actor: chat.peer,
      action: "create_channel",
      title: chat.name,
    };
  }

  private pickSender(sessionIndex: number): Person {
    const { prng, roster } = this;
    let session = this.sessions[sessionIndex];
    if (session === undefined) {
      const participants = [roster.sample(prng)];
      for (let extra = prng.int(1, 3); extra > 0; extra--) {
        const candidate = roster.sample(prng);
        if (!participants.includes(candidate)) participants.push(candidate);
      }
      session = { participants, last: null, messages: 0 };
      this.sessions[sessionIndex] = session;
    }
    let sender: Person;
    if (session.last !== null && prng.chance(0.35)) sender = session.last;
    else if (prng.chance(0.1)) sender = roster.sample(prng);
    else sender = this.otherParticipant(session);
    if (!session.participants.includes(sender)) session.participants.push(sender);
    session.last = sender;
    session.messages += 1;
    return sender;
  }

  private otherParticipant(session: Session): Person {
    const others = session.participants.filter((person) => person !== session.last);
    if (others.length === 0) return session.participants[0]!;
    let total = 0;
    for (const person of others) total += person.weight;
    let target = this.prng.next() * total;
    for (const person of others) {
      target -= person.weight;
      if (target < 0) return person;
    }
    return others[others.length - 1]!;
  }

  private regular(
    id: number,
    dateUnix: number,
    kind: Exclude<Kind, "unsupported" | "service">,
    sender: Person,
    session: number,
  ): RegularDraft {
    const { prng, chat } = this;
    const media = this.makeMedia(kind, dateUnix, sender);
    const draft = this.regularBase(id, dateUnix, sender, this.makeText(kind, sender));
    if (media !== undefined) draft.media = media;
    if (kind === "photo" && chat.family !== "channel" && prng.chance(0.12)) {
      this.album = { remaining: prng.int(1, prng.chance(0.7) ? 2 : 5), sender, dateUnix };
    }
    if (kind === "animation" && prng.chance(0.15)) {
      draft.viaBot = "@gif";
      draft.text = [];
    }
    if ((kind === "text" || kind === "photo" || kind === "video") && prng.chance(0.025)) {
      draft.forwardedFrom = this.forwardSource();
    }
    const firstInSession = this.sessions[session]?.messages === 1;
    const replyRate = chat.family === "channel" ? 0.01 : firstInSession ? 0.1 : 0.28;
    if (this.ringCount > 0 && prng.chance(replyRate))
      draft.replyToId = this.replyTarget(sender.index);
    if (draft.text.length > 0 && prng.chance(0.06)) draft.editedUnix = this.editTime(dateUnix);
    this.addReactions(draft, kind, sender);
    return draft;
  }

  /** Sender fields: a person, or in supergroups rarely an anonymous admin or the linked channel. */
  private regularBase(
    id: number,
    dateUnix: number,
    sender: Person,
    text: TextPart[],
  ): RegularDraft {
    const { prng, chat } = this;
    const draft: RegularDraft = { kind: "message", id, dateUnix, from: sender.peer, text };
    if (chat.family === "channel") {
      draft.from = chat.peer;
      if (chat.signatures && sender.peer.name !== null) draft.author = sender.peer.name;
      return draft;
    }
    if (chat.family !== "supergroup") return draft;
    const roll = prng.next();
    if (roll < 0.004) {
      draft.from = chat.peer;
      if (prng.chance(0.7)) draft.author = prng.pick(ADMIN_TITLES);
    } else if (roll < 0.0065) {
      draft.from = chat.linkedChannel;
      draft.forwardedFrom = chat.linkedChannel.name;
      draft.savedFrom = chat.linkedChannel.name;
    }
    return draft;
  }

  private albumPhoto(id: number): RegularDraft {
    const album = this.album!;
    const draft: RegularDraft = {
      kind: "message",
      id,
      dateUnix: album.dateUnix,
      from: album.sender.peer,
      media: this.media.photo(this.dates.format(album.dateUnix)),
      text: [],
    };
    album.remaining -= 1;
    if (album.remaining <= 0) this.album = null;
    this.addReactions(draft, "photo", album.sender);
    this.remember(draft, album.sender);
    return draft;
  }

  private makeText(kind: Kind, sender: Person): TextPart[] {
    const { prng, text, chat } = this;
    const plain = (value: string): TextPart[] => [{ type: "plain", text: value }];
    if (kind === "text") {
      const richRate = chat.family === "channel" ? 0.35 : 0.08;
      if (prng.chance(richRate))
        return text.rich(sender.style, this.roster.active, sender.isPremium);
      return plain(
        chat.family === "channel" ? text.post(sender.style) : text.message(sender.style),
      );
    }
    const captionRate =
      kind === "photo" ? 0.25 : kind === "video" ? 0.3 : kind === "file" ? 0.35 : 0;
    if (chat.family === "channel" && (kind === "photo" || kind === "video")) {
      return plain(text.post(sender.style));
    }
    return captionRate > 0 && prng.chance(captionRate) ? plain(text.caption(sender.style)) : [];
  }

  private makeMedia(kind: Kind, dateUnix: number, sender: Person): MediaDraft | undefined {
    const { media } = this;
    switch (kind) {
      case "photo":
        return media.photo(this.dates.format(dateUnix));
      case "sticker":
        return media.sticker();
      case "voice":
        return media.voice();
      case "video_message":
        return media.videoMessage();
      case "animation":
        return media.animation();
      case "video":
        return media.video(this.dates.format(dateUnix));
      case "file":
        return media.file();
      case "audio":
        return media.audio();
      case "poll":
        return media.poll(
          this.chat.family === "channel" ? 5000 : Math.max(2, this.roster.active.length),
        );
      case "location":
        return media.location();
      case "contact": {
        const other = this.prng.pick(this.people);
        const [first = "", ...rest] = (other.peer.name ?? "").split(" ");
        return media.contact(
          first === "" ? (sender.firstName ?? "Контакт") : first,
          rest.join(" "),
        );
      }
      default:
        // "text" and "empty" (a dice or story: tdesktop exports no media for them).
        return undefined;
    }
  }

  private forwardSource(): string | null {
    const { prng } = this;
    const roll = prng.next();
    if (roll < 0.02) return null;
    if (roll < 0.15) return prng.pick(this.people).peer.name;
    return prng.pick(FORWARD_SOURCES);
  }

  private editTime(dateUnix: number): number {
    const { prng } = this;
    const delay = prng.chance(0.03)
      ? prng.int(3600, 5 * 86_400)
      : 3 + Math.floor(prng.logNormal(60, 1.3));
    return dateUnix + delay;
  }

  private addReactions(draft: RegularDraft, kind: Kind, sender: Person): void {
    const { prng, chat } = this;
    const base = chat.family === "channel" ? 0.7 : chat.family === "personal" ? 0.1 : 0.15;
    const factor = kind === "photo" ? 1.8 : kind === "video" ? 1.5 : kind === "sticker" ? 0.5 : 1;
    if (!prng.chance(Math.min(0.95, base * factor))) return;
    const maxCount =
      chat.family === "channel" ? 100_000 : Math.max(1, this.roster.active.length - 1);
    const total = Math.min(
      maxCount,
      1 + Math.floor(prng.logNormal(chat.family === "channel" ? 40 : 1.2, 1.0)),
    );
    const buckets = Math.min(total, prng.chance(0.7) ? 1 : prng.chance(0.73) ? 2 : 3);
    const counts = splitCount(total, buckets, prng);
    const used = new Set<string>();
    const reactions: ReactionDraft[] = counts.map((count) => this.reactionBucket(count, used));
    if (chat.family !== "channel" && prng.chance(0.8))
      this.addRecent(reactions, draft.dateUnix, sender);
    draft.reactions = reactions;
  }

  private reactionBucket(count: number, used: Set<string>): ReactionDraft {
    const { prng } = this;
    const roll = prng.next();
    if (roll < 0.005 && this.chat.family === "channel") return { type: "paid", count };
    if (roll < 0.02) {
      const documentId = `5${String(prng.int(100_000_000, 999_999_999))}${String(prng.int(100_000_000, 999_999_999))}`;
      return { type: "custom_emoji", count, documentId };
    }
    let emoji = this.reactionEmoji.sample(prng);
    for (let tries = 0; used.has(emoji) && tries < 10; tries++)
      emoji = this.reactionEmoji.sample(prng);
    used.add(emoji);
    return { type: "emoji", count, emoji };
  }

  /** Small chats show who reacted: up to three people per emoji, latest first. */
  private addRecent(reactions: ReactionDraft[], dateUnix: number, author: Person): void {
    const { prng } = this;
    const pool = this.roster.active.filter((person) => person !== author);
    const reactors = pool.length > 0 ? pool : [author];
    for (const reaction of reactions) {
      if (reaction.type !== "emoji") continue;
      const recent: RecentReactor[] = [];
      const chosen = new Set<Person>();
      for (let n = Math.min(reaction.count, 3); n > 0 && chosen.size < reactors.length;) {
        const person = prng.pick(reactors);
        if (chosen.has(person)) continue;
        chosen.add(person);
        recent.push({
          from: person.peer,
          dateUnix: dateUnix + 5 + Math.floor(prng.exponential(3 * 3600)),
        });
        n--;
      }
      reaction.recent = recent.sort((a, b) => b.dateUnix - a.dateUnix);
    }
  }

  private service(id: number, dateUnix: number): ServiceDraft | null {
    const { prng, chat } = this;
    const action = this.services.sample(prng);
    const actor = (person: Person): PeerName =>
      chat.family === "channel" ? chat.peer : person.peer;
    const someone = this.roster.sample(prng);
    const admin = this.admin();
    const base = { kind: "service" as const, id, dateUnix, action };
    switch (action) {
      case "join_group_by_link":
        return { ...base, actor: this.roster.newcomer(prng).peer, inviter: admin.peer.name };
      case "join_group_by_request":
        return { ...base, actor: this.roster.newcomer(prng).peer };
      case "invite_members":
      case "invite_to_group_call":
        return { ...base, actor: someone.peer, members: this.memberNames(someone) };
      case "remove_members": {
        const leaver = prng.pick(this.roster.active);
        const kicked = prng.chance(0.4);
        return { ...base, actor: (kicked ? admin : leaver).peer, members: [leaver.peer.name] };
      }
      case "pin_message":
        if (this.ringCount === 0) return null;
        return { ...base, actor: actor(admin), messageId: this.recentId(5) };
      case "group_call":
        return {
          ...base,
          actor: actor(someone),
          ...(prng.chance(0.7) ? { callDurationSeconds: prng.int(60, 7200) } : {}),
        };
      case "edit_group_title":
        return { ...base, actor: actor(admin), title: this.chat.name };
      case "edit_group_photo":
        return {
          ...base,
          actor: actor(admin),
          photo: this.media.groupPhoto(this.dates.format(dateUnix)),
        };
      case "phone_call":
        return { ...base, actor: someone.peer, ...this.callOutcome() };
      default:
        return null;
    }
  }

  private admin(): Person {
    const admins = this.people.filter((person) => person.isAdmin);
    return admins.length > 0 ? this.prng.pick(admins) : this.people[0]!;
  }

  private memberNames(inviter: Person): (string | null)[] {
    const { prng } = this;
    const names: (string | null)[] = [];
    for (let n = prng.chance(0.85) ? 1 : prng.int(2, 3); n > 0; n--) {
      const person = prng.pick(this.people);
      names.push(person === inviter || prng.chance(0.08) ? null : person.peer.name);
    }
    return names;
  }

  private callOutcome(): Pick<ServiceDraft, "durationSeconds" | "discardReason"> {
    const { prng } = this;
    const roll = prng.next();
    if (roll < 0.6) return { durationSeconds: prng.int(10, 3600), discardReason: "hangup" };
    if (roll < 0.85) return { discardReason: "missed" };
    if (roll < 0.95) return { discardReason: "busy" };
    return { durationSeconds: prng.int(5, 600), discardReason: "disconnect" };
  }

  private replyTarget(senderIndex: number): number {
    const { prng } = this;
    if (this.reservoir.length > 0 && prng.chance(0.07)) return prng.pick(this.reservoir);
    let candidate = this.recentId(3);
    // Prefer answering someone else: look a little further back if it is our own message.
    for (let tries = 0; tries < 3; tries++) {
      const distance = 1 + Math.min(this.ringCount - 1, Math.floor(prng.exponential(3)));
      candidate = this.ringAt(distance);
      if (this.ringSenderAt(distance) !== senderIndex) break;
    }
    return candidate;
  }

  private recentId(meanDistance: number): number {
    const distance =
      1 + Math.min(this.ringCount - 1, Math.floor(this.prng.exponential(meanDistance)));
    return this.ringAt(distance);
  }

  /** The id `distance` messages back (1 = the latest regular message). */
  private ringAt(distance: number): number {
    return this.ringIds[(this.ringCount - distance) % RING_SIZE]!;
  }

  private ringSenderAt(distance: number): number {
    return this.ringSenders[(this.ringCount - distance) % RING_SIZE]!;
  }

  private remember(draft: RegularDraft, sender: Person): void {
    if (this.ringCount >= RING_SIZE) {
      // The id falling out of the window enters a uniform reservoir of older messages.
      const dropped = this.ringIds[this.ringCount % RING_SIZE]!;
      this.droppedCount += 1;
      if (this.reservoir.length < RESERVOIR_SIZE) this.reservoir.push(dropped);
      else {
        const slot = this.prng.int(0, this.droppedCount - 1);
        if (slot < RESERVOIR_SIZE) this.reservoir[slot] = dropped;
      }
    }
    this.ringIds[this.ringCount % RING_SIZE] = draft.id;
    this.ringSenders[this.ringCount % RING_SIZE] = draft.from === sender.peer ? sender.index : -1;
    this.ringCount += 1;
  }
}

/** Splits `total` into `parts` positive counts, the first the largest. */
function splitCount(total: number, parts: number, prng: Prng): number[] {
  if (parts <= 1) return [total];
  const counts: number[] = [];
  let left = total;
  for (let i = 0; i < parts - 1; i++) {
    const share = Math.max(1, Math.floor(left * (0.4 + 0.4 * prng.next())));
    const count = Math.min(share, left - (parts - 1 - i));
    counts.push(count);
    left -= count;
  }
  counts.push(left);
  return counts.sort((a, b) => b - a);
}
