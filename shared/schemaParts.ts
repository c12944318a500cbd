/** Parts the contract's schemas are built of, and the rules they share. */
import * as v from 'valibot';
import { furtherItemsIssue } from './issues.ts';
import { LIMITS } from './limits.ts';

/**
 * Messages name the rule, never the value: ExternalUserIds and tags are sensitive and must not be
 * echoed back in errors or logs. Keys that are missing or unknown get their own wording.
 */
export const objectMessage = (issue: v.BaseIssue<unknown>) =>
  issue.expected === 'never' ? 'is not a known field' : issue.path ? 'is required' : 'must be an object';

/**
 * An object of these fields and no others: valibot's strictObject, built as its object (which the answers' schemas
 * need anyway) and the one loop strictObject adds to it, so the bundle holds one object schema rather than two. The
 * first key the entries do not name is an issue, worded by objectMessage as before; the type stays strict_object, so
 * the OpenAPI document says additionalProperties: false as before.
 */
export function closedObject<const E extends v.ObjectEntries>(entries: E): v.StrictObjectSchema<E, typeof objectMessage> {
  const object = v.object(entries, objectMessage);
  type Checked = v.OutputDataset<unknown, v.BaseIssue<unknown>>;
  // _standardSchema gives it a Standard Schema interface of its own: the spread one would validate with `object`.
  const closed: v.GenericSchema = v._standardSchema({
    ...object,
    type: 'strict_object',
    '~run'(dataset: v.UnknownDataset, config: v.Config<v.BaseIssue<unknown>>): Checked {
      const input = dataset.value as Record<string, unknown>;
      // As `closed`, so that the issues object raises name strict_object, as strictObject's do.
      const checked: Checked = object['~run'].call(closed, dataset, config);
      if (!input || typeof input !== 'object' || (checked.issues && config.abortEarly)) return checked;
      for (const key in input) {
        if (Object.hasOwn(entries, key)) continue;
        const path: [v.ObjectPathItem] = [{ type: 'object', origin: 'key', input, key, value: input[key] }];
        v._addIssue(closed as never, 'key', checked, config, { input: key, expected: 'never', path });
        break;
      }
      return checked;
    },
  });
  return closed as unknown as v.StrictObjectSchema<E, typeof objectMessage>;
}

/** A path for an issue raised above the field it is about; only the keys are read (issuePath). */
export function pathTo(...keys: Array<string | number>): [v.IssuePathItem, ...v.IssuePathItem[]] {
  const items = keys.map((key): v.IssuePathItem => ({ type: 'unknown', origin: 'value', input: undefined, key, value: undefined }));
  return items as [v.IssuePathItem, ...v.IssuePathItem[]];
}

/**
 * `schema` with a quick parse in front, for the input nearly every request holds: what `quick` parses costs
 * one pass, with no issue objects or copies along the way; whatever it cannot parse (it answers undefined)
 * runs the schema, which alone finds and words the issues. `quick` must parse nothing the schema refuses, and
 * give the schema's own output for what it parses (the contract tests hold it to both). Types and the OpenAPI
 * document come from the schema, as before.
 */
export function withQuickPath<S extends v.GenericSchema>(schema: S, quick: (input: unknown) => v.InferOutput<S> | undefined): S {
  return v._standardSchema({
    ...schema,
    '~run'(dataset, config) {
      const output = quick(dataset.value);
      if (output === undefined) return schema['~run'](dataset, config);
      return { typed: true, value: output };
    },
  });
}

/** Any string: the first part of every string field's rules. */
export const StringSchema = v.string('must be a string');

/**
 * One of `values`, or an issue that lists them: valibot's picklist, built from the custom schema every other
 * rule of its kind uses, and stated in the OpenAPI document as picklist would be.
 */
export const oneOf = <const T extends readonly string[]>(values: T) =>
  v.pipe(
    v.custom<T[number]>((value) => values.includes(value as string), `must be one of ${values.join(', ')}`),
    v.metadata({ enum: values, type: 'string' }),
  );

/**
 * A string's or list's length from `min` to `max`, or one issue saying `rule`: one check rather than valibot's
 * minLength and maxLength, two more actions in the bundle. JSON Schema reads the bounds from metadata beside it.
 */
export const lengthWithin = <T extends string | readonly unknown[]>(min: number, max: number, rule: string) =>
  v.rawCheck<T>(({ dataset, addIssue }) => {
    if (dataset.typed && (dataset.value.length < min || dataset.value.length > max)) addIssue({ message: rule });
  });

export const boundedString = (min: number, max: number) =>
  v.pipe(StringSchema, lengthWithin(min, max, `must be ${min} to ${max} characters`), v.metadata({ minLength: min, maxLength: max }));

/**
 * valibot's array, doing only the work an answer reports: items are checked in full until the list has found
 * LIMITS.issuesListed issues (the most an answer lists), the rest only up to their first issue (valibot's
 * abortEarly), and those are counted in one issue of their own (furtherItemsIssue) instead of being kept. Built
 * from valibot's schema parts rather than on its array, which the bundle then need not hold: anything but a list,
 * and abortEarly, are answered as array answers them; its type says array, for the OpenAPI document.
 */
export function list<S extends v.GenericSchema>(item: S, message?: string): v.ArraySchema<S, string | undefined> {
  type Dataset = v.OutputDataset<v.InferOutput<S>[], v.BaseIssue<unknown>>;
  return v._standardSchema({
    kind: 'schema',
    type: 'array',
    reference: list,
    expects: 'Array',
    async: false,
    item,
    message,
    '~run'(dataset: v.UnknownDataset, config: v.Config<v.BaseIssue<unknown>>): Dataset {
      const input = dataset.value;
      if (!Array.isArray(input)) {
        v._addIssue(this, 'type', dataset, config);
        return dataset as unknown as Dataset;
      }
      const issues: v.BaseIssue<unknown>[] = [];
      const value: unknown[] = [];
      let typed = true;
      let further = 0;
      for (let key = 0; key < input.length; key++) {
        const full = issues.length < LIMITS.issuesListed;
        const checked = item['~run']({ value: input[key] }, full ? config : { ...config, abortEarly: true });
        if (checked.issues && !full) further++;
        else if (checked.issues) {
          const pathItem: v.ArrayPathItem = { type: 'array', origin: 'value', input, key, value: input[key] };
          for (const issue of checked.issues) {
            issue.path?.unshift(pathItem);
            issues.push(issue.path ? issue : { ...issue, path: [pathItem] });
          }
          if (config.abortEarly) return { typed: false, value, issues } as Dataset;
        }
        typed &&= checked.typed;
        value.push(checked.value);
      }
      if (further) issues.push(furtherItemsIssue(input, further, config));
      return (issues.length ? { typed, value, issues } : { typed, value }) as Dataset;
    },
  } as v.ArraySchema<S, string | undefined>);
}

/**
 * A list of `min` to `max` items whose length is checked before any item is: a list of a million items
 * costs one comparison and one issue, not a million checks and issues. The length rules are stated again
 * after the items, as metadata, because JSON Schema reads them from there.
 */
export const boundedList = <S extends v.GenericSchema>(item: S, min: number, max: number, rule: string) =>
  v.pipe(
    v.custom((input) => !Array.isArray(input) || (input.length >= min && input.length <= max), rule),
    list(item, 'must be a list'),
    v.metadata({ minItems: min, maxItems: max }),
  );

/** A list's check that no two items share a key: one issue per repeat, `repeats` wording it by the two positions. */
export const noRepeats = <T>(keyOf: (item: T) => string, repeats: (index: number, first: number) => string) =>
  v.rawCheck<T[]>(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    for (const [index, first] of duplicateIndexes(dataset.value.map(keyOf))) addIssue({ message: repeats(index, first) });
  });

/** Pairs of [index, index of its first occurrence] for every repeated value, in one pass. */
export function duplicateIndexes(values: readonly string[]): Array<[number, number]> {
  const seen = new Map<string, number>();
  const repeats: Array<[number, number]> = [];
  values.forEach((value, index) => {
    const first = seen.get(value);
    if (first === undefined) seen.set(value, index);
    else repeats.push([index, first]);
  });
  return repeats;
}
