/**
 * A `fetch` that answers from the fake with no socket, simulating the transport faults the socket adapter carries out
 * for real.
 *
 * @internal
 */
import type { FakeCore, FakeReply } from "./core.ts"

const abortError = () => new DOMException("The operation was aborted.", "AbortError")

const abortable = <A>(promise: Promise<A>, signal: AbortSignal | null): Promise<A> => {
  if (signal === null) return promise
  if (signal.aborted) return Promise.reject(abortError())
  return new Promise<A>((resolve, reject) => {
    const onAbort = () => reject(abortError())
    signal.addEventListener("abort", onAbort, { once: true })
    promise.then(
      (value) => (signal.removeEventListener("abort", onAbort), resolve(value)),
      (error) => (signal.removeEventListener("abort", onAbort), reject(error)),
    )
  })
}

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code })

const NULL_BODY = new Set([101, 204, 205, 304])

const toResponse = (answer: FakeReply, signal: AbortSignal | null): Response => {
  const bytes = new TextEncoder().encode(answer.body)
  const init = { status: answer.status, headers: answer.headers }
  if (NULL_BODY.has(answer.status)) return new Response(null, init)
  const transport = answer.transport
  if (transport?._tag === "TruncateBody") {
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.subarray(0, Math.min(transport.afterBytes, Math.max(0, bytes.length - 1))))
        controller.error(new TypeError("terminated", { cause: withCode("other side closed", "UND_ERR_SOCKET") }))
      },
    })
    return new Response(stream, init)
  }
  if (transport?._tag === "DripBody") {
    let offset = 0
    let timer: ReturnType<typeof setTimeout> | undefined
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        return new Promise<void>((resolve) => {
          timer = setTimeout(() => {
            const next = bytes.subarray(offset, offset + transport.chunkBytes)
            offset += next.length
            controller.enqueue(next)
            if (offset >= bytes.length) controller.close()
            resolve()
          }, offset === 0 ? 0 : transport.intervalMillis)
        })
      },
      cancel() {
        clearTimeout(timer)
      },
    })
    signal?.addEventListener("abort", () => clearTimeout(timer), { once: true })
    return new Response(stream, init)
  }
  return new Response(bytes, init)
}

/** @internal */
export const makeFetch =
  (core: FakeCore) => async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init)
    const headers: Record<string, string> = {}
    request.headers.forEach((value, name) => (headers[name.toLowerCase()] = value))
    const body = request.body === null ? "" : await request.text()
    const answer = await abortable(
      core.dispatch({ method: request.method, url: new URL(request.url), headers, body }),
      request.signal,
    )
    switch (answer.transport?._tag) {
      case "ResetBeforeHeaders":
        throw new TypeError("fetch failed", { cause: withCode("socket hang up", "ECONNRESET") })
      case "NoHeaders":
        return abortable(new Promise<Response>(() => {}), request.signal)
      default:
        return toResponse(answer, request.signal)
    }
  }
