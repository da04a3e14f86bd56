import type { Counter } from "prom-client";

/** What the counter reads of a Bot API answer (grammY's `ApiResponse`). */
export interface BotApiAnswer {
  ok: boolean;
  error_code?: number;
}

/** Any grammY API transformer, seen from outside: four parameters, a Bot API answer. */
export type AnyApiTransformer = (
  prev: never,
  method: never,
  payload: never,
  signal?: never,
) => Promise<BotApiAnswer>;

type ApiCall = (
  method: string,
  payload: unknown,
  signal?: { readonly aborted: boolean },
) => Promise<BotApiAnswer>;

/**
 * A grammY API transformer that counts failed Bot API calls in `counter`
 * by method and error code (`network` when no answer came), passing every
 * answer and error through unchanged; calls cancelled by their own signal
 * are not counted. The transformer type is inferred where it is used
 * (`api.config.use(…)`), so shared code needs no grammY import.
 *
 * Install it last, so it runs first (outermost) and sees each call's final
 * outcome after auto-retry's retries.
 *
 * @example api.config.use(countBotApiErrors(metrics.botApiErrors));
 */
// The return-only type parameter is the point: it takes grammY's Transformer type from the call site.
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters
export function countBotApiErrors<Transformer extends AnyApiTransformer>(
  counter: Counter<"method" | "code">,
): Transformer {
  const transformer = async (
    prev: ApiCall,
    method: string,
    payload: unknown,
    signal?: { readonly aborted: boolean },
  ): Promise<BotApiAnswer> => {
    let answer: BotApiAnswer;
    try {
      answer = await prev(method, payload, signal);
    } catch (error) {
      if (signal?.aborted !== true) counter.inc({ method, code: "network" });
      throw error;
    }
    if (!answer.ok) counter.inc({ method, code: String(answer.error_code ?? "unknown") });
    return answer;
  };
  // grammY's Transformer is generic per method; this one handles every method the
  // same way and returns `prev`'s answer untouched, so it is one at run time.
  return transformer as unknown as Transformer;
}
