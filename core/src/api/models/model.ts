/**
 * What a model of the Quantive Results REST API is, as plain data: its fields, each with a name, a kind, whether it
 * is optional, and a one-line description. The models of every Effect line are derived from these descriptions.
 *
 * The rules every derived model follows: a field is present with a value of its kind or, when optional, absent; an
 * optional field the API sends as `null` counts as absent; fields the description does not name are ignored on decode.
 *
 * @since 0.4.0
 */

/**
 * The kind of a field's value.
 *
 * - `String`, `Number`, `Boolean`, `Unknown`: a JSON value of that type (`Unknown`: any value, not inspected).
 * - `NonEmptyString`: a string that is not empty after trimming (request bodies: an id or a name to send).
 * - `FiniteNumber`: a number that is neither infinite nor NaN.
 * - `Literal`: one of the listed values.
 * - `Array`: a list of values of one kind, with an optional minimum length.
 * - `Record`: an object with string keys and values of one kind.
 * - `Ref`: a model described by name; `recursive` when the reference reaches back to a model that contains it.
 * - `Struct`: an object with the given fields, described in place (it has no name of its own in the reference).
 * - `TypeParameter`: the type parameter of a generic model, whose default model the validator uses.
 *
 * @since 0.4.0
 * @category models
 */
export type Kind =
  | { readonly _tag: "String" }
  | { readonly _tag: "NonEmptyString" }
  | { readonly _tag: "Number" }
  | { readonly _tag: "FiniteNumber" }
  | { readonly _tag: "Boolean" }
  | { readonly _tag: "Unknown" }
  | {
    readonly _tag: "Literal"
    readonly values: ReadonlyArray<string | number | boolean>
  }
  | {
    readonly _tag: "Array"
    readonly item: Kind
    readonly minItems?: MinItems
  }
  | { readonly _tag: "Record"; readonly value: Kind }
  | {
    readonly _tag: "Ref"
    readonly name: string
    readonly recursive?: boolean
  }
  | { readonly _tag: "Struct"; readonly fields: Fields }
  | { readonly _tag: "TypeParameter" }

/**
 * The least number of items an array holds, and the message that says so when it holds fewer.
 *
 * @since 0.4.0
 * @category models
 */
export interface MinItems {
  readonly minItems: number
  readonly message: string
}

/**
 * A field of a model: its kind, whether it may be absent, whether `null` is a value of its own (rather than absence),
 * and what it is.
 *
 * @since 0.4.0
 * @category models
 */
export interface Field {
  readonly kind: Kind
  readonly optional: boolean
  readonly nullable?: boolean
  readonly description?: string
}

/**
 * The fields of a model, in the order the models list them.
 *
 * @since 0.4.0
 * @category models
 */
export type Fields = { readonly [name: string]: Field }

/**
 * A model: a named object of the API (a response, a part of one, or a request body).
 *
 * @since 0.4.0
 * @category models
 */
export interface Model {
  readonly _tag: "Model"
  readonly name: string
  /** What the model is, in the API's words (paragraphs separated by a blank line). */
  readonly description: string
  /** The package version that introduced the model. */
  readonly since: string
  readonly fields: Fields
  /** The model is published as a type only: its validator exists for the models that contain it. */
  readonly nestedOnly?: boolean
  /** A generic model (a page of items): the parameter's name and the model it defaults to. */
  readonly typeParameter?: { readonly name: string; readonly default: string }
  /** A request body that must set at least one field: the message when it sets none. */
  readonly atLeastOneField?: string
  /** The name under which the model's field record is published to the package (a field projection picks from it). */
  readonly fieldRecord?: string
}

/**
 * Another name for a model of the same shape (a deprecated endpoint's body or page, a second endpoint's result).
 *
 * @since 0.4.0
 * @category models
 */
export interface Alias {
  readonly _tag: "Alias"
  readonly name: string
  readonly description: string
  readonly since: string
  /** The model it names. */
  readonly of: string
  /** The type arguments given to a generic model. */
  readonly typeArguments?: ReadonlyArray<string>
}

/**
 * A group of models, published together as one module.
 *
 * @since 0.4.0
 * @category models
 */
export interface ModelModule {
  readonly module: string
  readonly description: string
  readonly since: string
  readonly declarations: ReadonlyArray<Model | Alias>
  /** Models of other modules published again by this one. */
  readonly reexports?: ReadonlyArray<
    { readonly module: string; readonly names: ReadonlyArray<string> }
  >
}

/**
 * @since 0.4.0
 * @category kinds
 */
export const string: Kind = { _tag: "String" }

/**
 * @since 0.4.0
 * @category kinds
 */
export const nonEmptyString: Kind = { _tag: "NonEmptyString" }

/**
 * @since 0.4.0
 * @category kinds
 */
export const number: Kind = { _tag: "Number" }

/**
 * @since 0.4.0
 * @category kinds
 */
export const finiteNumber: Kind = { _tag: "FiniteNumber" }

/**
 * @since 0.4.0
 * @category kinds
 */
export const boolean: Kind = { _tag: "Boolean" }

/**
 * @since 0.4.0
 * @category kinds
 */
export const unknown: Kind = { _tag: "Unknown" }

/**
 * @since 0.4.0
 * @category kinds
 */
export const typeParameter: Kind = { _tag: "TypeParameter" }

/**
 * @since 0.4.0
 * @category kinds
 */
export const literal = (
  ...values: ReadonlyArray<string | number | boolean>
): Kind => ({ _tag: "Literal", values })

/**
 * @since 0.4.0
 * @category kinds
 */
export const array = (item: Kind, minItems?: MinItems): Kind =>
  minItems === undefined ? { _tag: "Array", item } : { _tag: "Array", item, minItems }

/**
 * @since 0.4.0
 * @category kinds
 */
export const record = (value: Kind): Kind => ({ _tag: "Record", value })

/**
 * @since 0.4.0
 * @category kinds
 */
export const ref = (
  name: string,
  options?: { readonly recursive?: boolean },
): Kind => options?.recursive === true ? { _tag: "Ref", name, recursive: true } : { _tag: "Ref", name }

/**
 * @since 0.4.0
 * @category kinds
 */
export const struct = (fields: Fields): Kind => ({ _tag: "Struct", fields })

/**
 * A field that is always present.
 *
 * @since 0.4.0
 * @category fields
 */
export const required = (kind: Kind, description?: string): Field =>
  description === undefined ? { kind, optional: false } : { kind, optional: false, description }

/**
 * A field the API may omit (or send as `null`).
 *
 * @since 0.4.0
 * @category fields
 */
export const optional = (kind: Kind, description?: string): Field =>
  description === undefined ? { kind, optional: true } : { kind, optional: true, description }
