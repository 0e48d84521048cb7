/**
 * Configuration: `Quantive.layer` options and `Quantive.layerConfig` environment variables, validated before any
 * request (fault matrix row 20).
 */
import { Accounts, Quantive } from "#line"
import { HttpClient } from "#line/effect"
import { envLayer, HttpClientResponse, isConfigError } from "#line/requests"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Layer, Redacted } from "effect"

/** An HttpClient that records the URLs and headers it is asked for and answers 200 with an account. */
const recordingHttp = () => {
  const seen: Array<{ url: string; headers: Record<string, string> }> = []
  const layer = Layer.succeed(
    HttpClient.HttpClient,
    HttpClient.make((request, url) => {
      seen.push({ url: url.href, headers: { ...request.headers } })
      return Effect.succeed(HttpClientResponse.fromWeb(
        request,
        new Response(JSON.stringify({ id: "acc", name: "Acc", domain: "acc" }), { status: 200 }),
      ))
    }),
  )
  return { seen, layer }
}

const getAccount = Effect.flatMap(Accounts, (accounts) => accounts.get("acc"))

const failureOf = (options: Quantive.Options) => {
  const http = recordingHttp()
  return getAccount.pipe(
    Effect.provide(Quantive.layer(options)),
    Effect.provide(http.layer),
    Effect.flip,
    Effect.map((error) => ({ error: String(error), requests: http.seen.length })),
  )
}

describe("Quantive.layer", () => {
  it.effect("the default region is EU; us and a custom base URL get /v1 appended", () =>
    Effect.gen(function* () {
      for (
        const [options, expected] of [
          [{}, "https://app.quantive.com/results/api/v1/accounts/acc"],
          [{ region: "us" }, "https://app.us.quantive.com/results/api/v1/accounts/acc"],
          [{ baseUrl: "https://proxy.example.com/quantive/" }, "https://proxy.example.com/quantive/v1/accounts/acc"],
          [{ baseUrl: "http://127.0.0.1:8080" }, "http://127.0.0.1:8080/v1/accounts/acc"],
          [{ baseUrl: "http://[::1]:8080" }, "http://[::1]:8080/v1/accounts/acc"],
          [{ baseUrl: "http://localhost:8080/api" }, "http://localhost:8080/api/v1/accounts/acc"],
        ] as const
      ) {
        const http = recordingHttp()
        yield* getAccount.pipe(
          Effect.provide(Quantive.layer({ token: "tok", accountId: "acc", ...options })),
          Effect.provide(http.layer),
        )
        assert.strictEqual(http.seen[0]?.url, expected)
        assert.strictEqual(http.seen[0]?.headers["authorization"], "Bearer tok")
        assert.strictEqual(http.seen[0]?.headers["gtmhub-accountid"], "acc")
      }
    }))

  it.effect("a token given as Redacted is sent as the bearer token", () =>
    Effect.gen(function* () {
      const http = recordingHttp()
      yield* getAccount.pipe(
        Effect.provide(Quantive.layer({ token: Redacted.make("secret-1"), accountId: "acc" })),
        Effect.provide(http.layer),
      )
      assert.strictEqual(http.seen[0]?.headers["authorization"], "Bearer secret-1")
    }))

  it.effect("fault matrix row 20: a non-loopback http:// URL is refused before anything is sent", () =>
    Effect.gen(function* () {
      for (const baseUrl of ["http://app.quantive.com/results/api", "http://10.0.0.8/api", "http://128.0.0.1/api"]) {
        const { error, requests } = yield* failureOf({ token: "tok", accountId: "acc", baseUrl })
        assert.include(error, "baseUrl")
        assert.include(error, "http://")
        assert.strictEqual(requests, 0)
      }
    }))

  it.effect("malformed options fail with a ConfigError naming the option", () =>
    Effect.gen(function* () {
      const cases: ReadonlyArray<[Quantive.Options, string]> = [
        [{ token: "", accountId: "acc" }, "token"],
        [{ token: "a b", accountId: "acc" }, "token"],
        [{ token: "tok", accountId: " " }, "accountId"],
        [{ token: "tok", accountId: "acc", region: "mars" as never }, "region"],
        [{ token: "tok", accountId: "acc", region: "us", baseUrl: "https://x.example" }, "baseUrl"],
        [{ token: "tok", accountId: "acc", baseUrl: "https://app.quantive.com/results/api/v1" }, "baseUrl"],
        [{ token: "tok", accountId: "acc", baseUrl: "not a url" }, "baseUrl"],
        [{ token: "tok", accountId: "acc", baseUrl: "ftp://x.example" }, "baseUrl"],
        [{ token: "tok", accountId: "acc", baseUrl: "https://user:pw@x.example" }, "baseUrl"],
        [{ token: "tok", accountId: "acc", maxResponseBytes: 0 }, "maxResponseBytes"],
      ]
      for (const [options, name] of cases) {
        const { error, requests } = yield* failureOf(options)
        assert.include(error, name, JSON.stringify(options))
        assert.strictEqual(requests, 0)
      }
    }))
})

describe("Quantive.layerConfig", () => {
  const withEnv = envLayer

  it.effect("reads QUANTIVE_TOKEN, QUANTIVE_ACCOUNT_ID and QUANTIVE_REGION", () =>
    Effect.gen(function* () {
      const http = recordingHttp()
      yield* getAccount.pipe(
        Effect.provide(Quantive.layerConfig),
        Effect.provide(http.layer),
        Effect.provide(withEnv({ QUANTIVE_TOKEN: "env-token", QUANTIVE_ACCOUNT_ID: "env-acc", QUANTIVE_REGION: "us" })),
      )
      assert.strictEqual(http.seen[0]?.url, "https://app.us.quantive.com/results/api/v1/accounts/acc")
      assert.strictEqual(http.seen[0]?.headers["authorization"], "Bearer env-token")
      assert.strictEqual(http.seen[0]?.headers["gtmhub-accountid"], "env-acc")
    }))

  it.effect("missing or malformed variables fail with a ConfigError naming the variable", () =>
    Effect.gen(function* () {
      const cases: ReadonlyArray<[Record<string, string>, string]> = [
        [{ QUANTIVE_ACCOUNT_ID: "acc" }, "QUANTIVE_TOKEN"],
        [{ QUANTIVE_TOKEN: "tok" }, "QUANTIVE_ACCOUNT_ID"],
        [{ QUANTIVE_TOKEN: "", QUANTIVE_ACCOUNT_ID: "acc" }, "QUANTIVE_TOKEN"],
        [{ QUANTIVE_TOKEN: "tok", QUANTIVE_ACCOUNT_ID: "acc", QUANTIVE_REGION: "mars" }, "QUANTIVE_REGION"],
        [
          { QUANTIVE_TOKEN: "tok", QUANTIVE_ACCOUNT_ID: "acc", QUANTIVE_BASE_URL: "http://example.com" },
          "QUANTIVE_BASE_URL",
        ],
        [
          { QUANTIVE_TOKEN: "tok", QUANTIVE_ACCOUNT_ID: "acc", QUANTIVE_MAX_RESPONSE_BYTES: "lots" },
          "QUANTIVE_MAX_RESPONSE_BYTES",
        ],
      ]
      for (const [env, name] of cases) {
        const http = recordingHttp()
        const error = yield* getAccount.pipe(
          Effect.provide(Quantive.layerConfig),
          Effect.provide(http.layer),
          Effect.provide(withEnv(env)),
          Effect.flip,
        )
        assert.include(String(error), name, JSON.stringify(env))
        assert.strictEqual(http.seen.length, 0)
      }
    }))

  it.effect("the token from the environment never shows in the ConfigError of another variable", () =>
    Effect.gen(function* () {
      const error = yield* getAccount.pipe(
        Effect.provide(Quantive.layerConfig),
        Effect.provide(recordingHttp().layer),
        Effect.provide(withEnv({ QUANTIVE_TOKEN: "tok-SECRET-123", QUANTIVE_ACCOUNT_ID: "acc", QUANTIVE_REGION: "x" })),
        Effect.flip,
      )
      assert.notInclude(String(error), "tok-SECRET-123")
      assert.notInclude(JSON.stringify(error), "tok-SECRET-123")
    }))
})

describe("a token or account id that cannot go into an HTTP header (issue 10, item 6)", () => {
  /** Characters fetch refuses in a header (above U+00FF, CR, LF, NUL) or would send as something the user did not see. */
  const BAD: ReadonlyArray<readonly [string, string]> = [
    ["\u200b", "invisible"],
    ["\ufeff", "invisible"],
    ["\u202e", "invisible"],
    ["\u2066", "invisible"],
    ["\u00ad", "invisible"],
    ["\u0142", "Latin-1"],
    ["\u4e2d", "Latin-1"],
    ["\ud83d\ude00", "Latin-1"],
    ["\n", "control"],
    ["\r", "control"],
    ["\t", "control"],
    ["\u0000", "control"],
    ["\u007f", "control"],
    ["\u0085", "control"],
    ["\u00a0", "control"],
  ]

  it.effect("Quantive.layer: a ConfigError naming the option, before any request", () =>
    Effect.gen(function* () {
      for (const [char, kind] of BAD) {
        for (const option of ["token", "accountId"] as const) {
          const options = { token: "tok-123", accountId: "acc-456", [option]: `Zq${char}Xw` }
          const http = recordingHttp()
          const error = yield* getAccount.pipe(
            Effect.provide(Quantive.layer(options)),
            Effect.provide(http.layer),
            Effect.flip,
          )
          const text = String(error)
          assert.isTrue(isConfigError(error), `${option} ${JSON.stringify(char)}: ${text}`)
          assert.include(text, option)
          assert.include(text, kind, `${option} ${JSON.stringify(char)}`)
          assert.notInclude(text, "Zq")
          assert.strictEqual(http.seen.length, 0)
        }
      }
    }))

  it.effect("Quantive.layerConfig: a ConfigError naming the variable", () =>
    Effect.gen(function* () {
      for (const [char] of BAD) {
        for (const name of ["QUANTIVE_TOKEN", "QUANTIVE_ACCOUNT_ID"] as const) {
          const env = { QUANTIVE_TOKEN: "tok-123", QUANTIVE_ACCOUNT_ID: "acc-456", [name]: `ab${char}cd` }
          const http = recordingHttp()
          const error = yield* getAccount.pipe(
            Effect.provide(Quantive.layerConfig),
            Effect.provide(http.layer),
            Effect.provide(envLayer(env)),
            Effect.flip,
          )
          assert.isTrue(isConfigError(error), `${name} ${JSON.stringify(char)}: ${String(error)}`)
          assert.include(String(error), name)
          assert.strictEqual(http.seen.length, 0)
        }
      }
    }))

  it.effect("Latin-1 and a trailing newline (an env file) are accepted; the newline is not sent", () =>
    Effect.gen(function* () {
      const http = recordingHttp()
      yield* getAccount.pipe(
        Effect.provide(Quantive.layer({ token: "tok-é\n", accountId: "acc-ÿ\r\n" })),
        Effect.provide(http.layer),
      )
      assert.strictEqual(http.seen[0]?.headers["authorization"], "Bearer tok-é")
      assert.strictEqual(http.seen[0]?.headers["gtmhub-accountid"], "acc-ÿ")
    }))
})
