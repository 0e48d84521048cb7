/**
 * One small call (`Accounts.get`, about 3 KB of JSON) against a raw `fetch` + `JSON.parse` of the same URL, over the
 * platform's `FetchHttpClient.layer` and over the lean `QuantiveFetch.layer`; a minimal Effect call over
 * `FetchHttpClient` (`HttpClient.get` + `schemaBodyJson`) for scale. Sequential calls, interleaved, medians.
 */
import type { Row } from "./harness.ts"
import { CALLS, inWorkers, ratio, record, requestCounter, RUNTIME, workerArgs } from "./figure.ts"
import { log } from "./processes.ts"
import { rootOf } from "./variants.ts"

export const smallCallFigures = async (origin: string): Promise<Array<Row>> => {
  const rows: Array<Row> = []
  const root = rootOf(origin, 1, 0)
  log(`${RUNTIME}: ${CALLS} calls, Accounts.get over FetchHttpClient and over QuantiveFetch vs raw fetch`)
  const [raw, platform, lean, minimal] = await inWorkers(
    [
      [`raw fetch`, workerArgs("fetch", "rawGet", root, 1)],
      [`Accounts.get over FetchHttpClient`, workerArgs("fetch", "get", root, 1)],
      [`Accounts.get over QuantiveFetch`, workerArgs("lean", "get", root, 1)],
      [`HttpClient.get+schemaBodyJson`, workerArgs("fetch", "minimalGet", root, 1)],
    ],
    requestCounter(origin),
  )
  const perCall = (ms: number) => `${(ms / CALLS).toFixed(3)}`
  const detail = `${CALLS} sequential calls per run; raw fetch ${perCall(raw!.medianMs)} ms per call; ` +
    `for scale, a minimal Effect call over FetchHttpClient ${ratio(minimal!, raw!).toFixed(2)}x raw`
  record(rows, {
    runtime: `${RUNTIME} fetch`,
    figure: `one small call: Accounts.get over FetchHttpClient / raw fetch`,
    ratio: ratio(platform!, raw!),
    goal: 1.3,
    measured: `${perCall(platform!.medianMs)} vs ${perCall(raw!.medianMs)} ms per call`,
    detail,
  })
  record(rows, {
    runtime: `${RUNTIME} lean`,
    figure: `one small call: Accounts.get over QuantiveFetch / raw fetch`,
    ratio: ratio(lean!, raw!),
    goal: 1.3,
    measured: `${perCall(lean!.medianMs)} vs ${perCall(raw!.medianMs)} ms per call`,
    detail: `${detail}; ${ratio(lean!, platform!).toFixed(2)}x Accounts.get over FetchHttpClient`,
  })
  return rows
}
