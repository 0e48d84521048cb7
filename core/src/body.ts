/**
 * A response body's bytes, read under the size cap: how to read it (`planBody`), the buffers it is read into
 * (`Collector` for chunks, `BytesBody` for one read), and its text. Plain logic: each line's transport reads the bytes
 * through its platform's public response API.
 *
 * - What is retained while reading is the bytes, copied out of the runtime's chunks (Deno hands out small views into
 *   large buffers: keeping the views would keep the large buffers), so memory stays within the cap plus one chunk.
 * - Buffers sized from a declared length are pooled across responses (see `pool`).
 *
 * @internal
 */
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
  readonly cap: number
  size = 0

  constructor(cap: number, expected: number | undefined) {
    this.cap = cap
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

/** How a `readWebBody` ended. @internal */
export type WebBodyEnd =
  | { readonly _tag: "end" }
  | { readonly _tag: "tooLarge" }
  | { readonly _tag: "error"; readonly cause: unknown }

/**
 * Reads a web `ReadableStream` into `collected` with the stream's own reader, chunk by chunk, until its end or the
 * cap; `done` is called once. Answers the function that stops the read (cancelling the stream), which does nothing
 * once `done` was called. A plain callback loop: a chunk costs one promise, which keeps the garbage a long export
 * makes short-lived.
 *
 * @internal
 */
export const readWebBody = (
  body: ReadableStream<Uint8Array>,
  collected: Collector,
  done: (end: WebBodyEnd) => void,
): () => void => {
  const reader = body.getReader()
  let finished = false
  const stop = () => {
    reader.cancel().catch(() => {})
  }
  const finish = (end: WebBodyEnd) => {
    if (finished) return
    finished = true
    done(end)
  }
  const pump = (): void => {
    reader.read().then(
      (result) => {
        if (finished) return
        if (result.done) return finish({ _tag: "end" })
        if (!collected.add(result.value)) {
          stop()
          return finish({ _tag: "tooLarge" })
        }
        pump()
      },
      (cause: unknown) => finish({ _tag: "error", cause }),
    )
  }
  pump()
  return () => {
    if (finished) return
    finished = true
    stop()
  }
}

/** A body read in one call. @internal */
export class BytesBody implements Body {
  readonly bytes: Uint8Array
  constructor(bytes: Uint8Array) {
    this.bytes = bytes
  }
  get size() {
    return this.bytes.length
  }
  text(): string {
    return textDecoder.decode(this.bytes)
  }
}

/** The largest declared identity body read in one call rather than chunk by chunk. */
const ONE_READ_MAX = 64 * 1024

/**
 * How a body is read, from its response's headers and the size cap:
 * - `tooLarge`: a declared `content-length` over the cap (nothing is read);
 * - `whole`: a small identity body of declared length and no `transfer-encoding`, read in one call (HTTP framing holds
 *   it to that length; an `HttpClient` that does not, such as a custom fetch returning a hand-built `Response`, is
 *   caught when the lengths differ);
 * - `chunks`: chunk by chunk into a `Collector` (`expected`: the declared length of an identity body, to size its
 *   buffer up front; compressed bodies are counted after decompression, so a decompression bomb stops at the cap).
 *
 * @internal
 */
export type BodyPlan =
  | { readonly _tag: "tooLarge"; readonly declared: number }
  | { readonly _tag: "whole"; readonly declared: number }
  | { readonly _tag: "chunks"; readonly expected: number | undefined }

/** The plan for a body with these (lower-cased) headers under `cap`. @internal */
export const planBody = (headers: Readonly<Record<string, string>>, cap: number): BodyPlan => {
  const lengthHeader = headers["content-length"]
  const declared = lengthHeader !== undefined && /^\d+$/.test(lengthHeader) ? Number(lengthHeader) : undefined
  if (declared !== undefined && declared > cap) return { _tag: "tooLarge", declared }
  const encoding = headers["content-encoding"]
  const identity = encoding === undefined || encoding.trim().toLowerCase() === "identity"
  if (identity && declared !== undefined && declared <= ONE_READ_MAX && headers["transfer-encoding"] === undefined) {
    return { _tag: "whole", declared }
  }
  return { _tag: "chunks", expected: identity ? declared : undefined }
}

/** The bytes of a body read whole; `text()` decodes them (a BOM is dropped). @internal */
export interface Body {
  readonly size: number
  text(): string
}
