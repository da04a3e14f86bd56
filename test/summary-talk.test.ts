import { describe, expect, it } from "vitest";
import { formatSummaryMarkdown, type ReportJson } from "@tgstats/engine";
import { emptyReport, senderStats } from "@tgstats/sandbox";

function talkReport(language: "en" | "ru"): ReportJson {
  const report = emptyReport({ language, senders: [senderStats("user1", "Alice", 30)] });
  report.totals = { ...report.totals, messages: 30, people: 1 };
  report.replies.fastest = [{ id: "user1", name: "Alice", replies: 12, medianDelaySeconds: 95 }];
  report.conversations = {
    ...report.conversations,
    count: 4,
    medianMessages: 6,
    medianDurationSeconds: 600,
    starters: [
      { id: "user1", name: "Alice", count: 3 },
      { id: "user2", name: null, count: 1 },
    ],
    revivers: [{ id: "user1", name: "Alice", count: 1 }],
    lastWords: [{ id: "user2", name: null, count: 1 }],
    longestReplyChain: 7,
  };
  report.questions = {
    ...report.questions,
    asked: 5,
    answered: 4,
    answerers: [{ id: "user2", name: null, count: 4 }],
    byHour: report.questions.byHour.map((hour) =>
      hour.hour === 9
        ? { hour: 9, asked: 4, answered: 4 }
        : hour.hour === 23
          ? { hour: 23, asked: 1, answered: 0 }
          : hour,
    ),
  };
  return report;
}

/** The lines of one `## title` section of summary.md. */
function section(markdown: string, title: string): string[] {
  const lines = markdown.split("\n");
  const start = lines.indexOf(`## ${title}`);
  const end = lines.findIndex((line, index) => index > start && line.startsWith("## "));
  return lines.slice(start + 2, end === -1 ? undefined : end).filter((line) => line !== "");
}

describe("summary.md: who answers how fast, conversations and questions", () => {
  it("writes them in English", () => {
    const markdown = formatSummaryMarkdown(talkReport("en"));
    expect(section(markdown, "Fastest to answer")).toEqual([
      "- Median time of each person's replies to others; people with at least 5 such replies.",
      "- Alice: median 2 min (12 replies)",
    ]);
    // 600 s is 10 min; 4 of 5 is 80 %; hours with questions only.
    expect(section(markdown, "Conversations")).toEqual([
      "- Conversations: 4 (a pause of 30 min or more starts a new one)",
      "- Median conversation: 6 messages, 10 min",
      "- Longest reply chain: 7 replies in a row",
      "- Who starts them: Alice (3), Deleted account (1)",
      "- Who writes first after a day or more of silence: Alice (1)",
      "- Who has the last word before a day or more of silence: Deleted account (1)",
    ]);
    expect(section(markdown, "Questions")).toEqual([
      "- Answered by someone else within 3 hr: 4 of 5 questions (80%)",
      "- Who answers questions most: Deleted account (4)",
      "- Answered by hour asked: 09:00 100%, 23:00 0%",
    ]);
  });

  it("writes them in Russian", () => {
    const markdown = formatSummaryMarkdown(talkReport("ru"));
    expect(section(markdown, "Разговоры")[0]).toBe(
      "- Разговоров: 4 (пауза от 30 мин начинает новый)",
    );
    expect(section(markdown, "Вопросы")[0]).toBe(
      "- Ответил кто-то другой в течение 3 ч: 4 из 5 вопросов (80\u00a0%)",
    );
  });
});
