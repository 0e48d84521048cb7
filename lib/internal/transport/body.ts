/**
 * Reading a response body under the size cap, through the platform's public response API (`stream`).
 *
 * - A declared `content-length` over the cap fails before reading. With an identity encoding the length is trusted to
 *   size one buffer up front; compressed bodies are counted after decompression (the runtime decompresses), so a
 *   decompression bomb stops at the cap.
 * - What is retained while reading is the bytes, copied out of the runtime's chunks (Deno hands out small views into
 *   large buffers: keeping the views would keep the large buffers), so memory stays within the cap plus one chunk.
 * - Interrupting the read (a deadline, `Stream.take`) ends the body stream, which aborts the request.
 *
 * @internal
 */
import type { HttpClientResponse } from "@effect/platform"
import { Effect, Option, Stream } from "effect"
import type * as QE from "../../QuantiveError.ts"
import { type CallContext, fromCause, fromHttpClientError, transportError } from "../errors.ts"

const textDecoder = new TextDecoder()

/**
 * Body buffers reused across responses. A buffer sized from a declared length goes back here once its text is
 * decoded, so that a long export does not leave a page-sized `ArrayBuffer` per response for the GC to find.
 * Bounded: buffers of at most 2 MiB, 8 MiB in all. A reused buffer's bytes past the body are never read.
 */
const pool: Array<Uint8Array> = []
const POOLED_MAX = 2 * 1024 * 1024
const POOL_BYTES = 8 * 1024 * 1024
let pooledBytes = 0

/** A buffer of at least `size` bytes: a pooled one, or a new one with room for a slightly larger page. */
const takeBuffer = (size: number): Uint8Array => {
  for (let i = pool.length - 1; i >= 0; i--) {
    const buffer = pool[i]!
    if (buffer.length >= size) {
      pool.splice(i, 1)
      pooledBytes -= buffer.length
      return buffer
    }
  }
  return new Uint8Array(size > POOLED_MAX ? size : Math.min(POOLED_MAX, Math.ceil((size * 1.125) / 65536) * 65536))
}

const giveBuffer = (buffer: Uint8Array) => {
  if (buffer.length <= POOLED_MAX && pooledBytes + buffer.length <= POOL_BYTES) {
    pool.push(buffer)
    pooledBytes += buffer.length
  }
}

/** Collects chunks, copying them, up to `cap` bytes. `text()` is called once. @internal */
export class Collector implements Body {
  private buffer: Uint8Array | undefined
  private readonly chunks: Array<Uint8Array> = []
  private decoded = false
  size = 0

  constructor(readonly cap: number, expected: number | undefined) {
    if (expected !== undefined && expected > 0) this.buffer = takeBuffer(expected)
  }

  /** Adds a chunk; false when the cap is passed. */
  add(chunk: Uint8Array): boolean {
    const next = this.size + chunk.length
    if (next > this.cap) return false
    if (this.buffer !== undefined && next <= this.buffer.length) {
      this.buffer.set(chunk, this.size)
    } else {
      if (this.buffer !== undefined) {
        // More than declared: keep what is in the buffer and go on with a list.
        this.chunks.push(this.buffer.subarray(0, this.size))
        this.buffer = undefined
      }
      // A view into a larger buffer is copied, so that the larger buffer is not retained.
      this.chunks.push(chunk.byteLength === chunk.buffer.byteLength ? chunk : chunk.slice())
    }
    this.size = next
    return true
  }

  /** The bytes this collector keeps alive: its buffers' sizes, not the views' (for tests). */
  retainedBytes(): number {
    return (this.buffer?.buffer.byteLength ?? 0) + this.chunks.reduce((n, chunk) => n + chunk.buffer.byteLength, 0)
  }

  text(): string {
    if (this.decoded) throw new Error("the body was already decoded")
    this.decoded = true
    const buffer = this.buffer
    if (buffer !== undefined) {
      const text = textDecoder.decode(buffer.subarray(0, this.size))
      // The text is a copy: the buffer can serve the next response.
      this.buffer = undefined
      giveBuffer(buffer)
      return text
    }
    if (this.chunks.length === 1) return textDecoder.decode(this.chunks[0])
    const out = new Uint8Array(this.size)
    let offset = 0
    for (const chunk of this.chunks) {
      out.set(chunk, offset)
      offset += chunk.length
    }
    return textDecoder.decode(out)
  }
}

/** A body read in one call. */
class BytesBody implements Body {
  constructor(private readonly bytes: Uint8Array) {}
  get size() {
    return this.bytes.length
  }
  text(): string {
    return textDecoder.decode(this.bytes)
  }
}

/** The largest declared identity body read in one call rather than chunk by chunk. */
const ONE_READ_MAX = 64 * 1024

/** The bytes of a body read whole; `text()` decodes them (a BOM is dropped). @internal */
export interface Body {
  readonly size: number
  text(): string
}

/** The body's text; a failure to decode it (past what a string can hold) is a `TransportError`. @internal */
export const textOf = (body: Body, ctx: CallContext, status: number): Effect.Effect<string, QE.TransportError> =>
  Effect.suspend(() => {
    try {
      return Effect.succeed(body.text())
    } catch (cause) {
      return Effect.fail(fromCause(cause, ctx, status))
    }
  })

/**
 * Reads the whole body, as bytes (decoded by `text()` when asked), failing at the configured cap rather than
 * buffering past it.
 *
 * @internal
 */
export const readBytes = (
  response: HttpClientResponse.HttpClientResponse,
  headers: Readonly<Record<string, string>>,
  ctx: CallContext,
  cap: number,
): Effect.Effect<Body, QE.TransportError> => {
  const status = response.status
  const tooLarge = (seen: string) =>
    transportError(
      ctx,
      "ResponseTooLarge",
      `the body is ${seen} bytes, over the cap of ${cap} bytes (maxResponseBytes)`,
      status,
    )
  const lengthHeader = headers["content-length"]
  const declared = lengthHeader !== undefined && /^\d+$/.test(lengthHeader) ? Number(lengthHeader) : undefined
  if (declared !== undefined && declared > cap) return Effect.fail(tooLarge(String(declared)))
  const encoding = headers["content-encoding"]
  const identity = encoding === undefined || encoding.trim().toLowerCase() === "identity"
  const collector = () => new Collector(cap, identity ? declared : undefined)

  // The body stream, pulled chunk by chunk under the cap: reading stops (and the request is aborted, when the scope
  // closes) at the first chunk past it. A pull loop costs a fraction of running the stream through a sink.
  // A small identity body of declared length is read in one call: HTTP framing holds it to that length. An
  // `HttpClient` that does not (a custom fetch returning a hand-built `Response`) is caught when the lengths differ.
  if (
    identity && declared !== undefined && declared <= ONE_READ_MAX && headers["transfer-encoding"] === undefined
  ) {
    return Effect.matchEffect(response.arrayBuffer, {
      onFailure: (error) => Effect.fail(fromHttpClientError(error, ctx, status)),
      onSuccess: (buffer) => {
        if (buffer.byteLength !== declared) {
          return Effect.fail(
            transportError(
              ctx,
              "Body",
              `the body is ${buffer.byteLength} bytes where its content-length declares ${declared}`,
              status,
            ),
          )
        }
        return Effect.succeed(new BytesBody(new Uint8Array(buffer)))
      },
    })
  }

  return Effect.scoped(
    Effect.flatMap(Stream.toPull(response.stream), (pull) => {
      const collected = collector()
      const loop: Effect.Effect<Body, QE.TransportError> = Effect.matchEffect(pull, {
        onFailure: (error) =>
          Option.isNone(error) || error.value.reason === "EmptyBody"
            ? Effect.succeed(collected)
            : Effect.fail(fromHttpClientError(error.value, ctx, status)),
        onSuccess: (chunk) => {
          for (const bytes of chunk) {
            if (!collected.add(bytes)) return Effect.fail(tooLarge(`more than ${cap}`))
          }
          return loop
        },
      })
      return loop
    }),
  )
}
