import { z } from 'zod';

// Unknown fields are refused, never silently dropped: a misspelt "reason" would otherwise record a
// step without it. The request schemas stay plain z.object where they are defined (the domain and
// the workflows use them too); routes get a deep strict copy, so validation and the OpenAPI document
// (additionalProperties: false) come from the same strict schema.

type Def = Record<string, any>;

const withMeta = <T extends z.ZodType>(from: z.ZodType, to: T): T => {
  const meta = z.globalRegistry.get(from);
  if (meta) z.globalRegistry.add(to, meta);
  return to;
};

const rebuild = (s: z.ZodType, over: Def): z.ZodType => withMeta(s, (s as any).clone({ ...s._zod.def, ...over }));

/** A copy of `schema` in which every object, however deeply nested, refuses keys it does not name. */
export function strictDeep<T extends z.ZodType | undefined>(schema: T): T {
  if (!schema) return schema;
  const s = schema as z.ZodType;
  const def = s._zod.def as Def;
  switch (def.type) {
    case 'object': {
      const shape = Object.fromEntries(Object.entries(def.shape as Record<string, z.ZodType>).map(([k, v]) => [k, strictDeep(v)]));
      // A catchall the schema chose itself (a record-like object) is left as it is.
      return rebuild(s, { shape, catchall: def.catchall ?? z.never() }) as T;
    }
    case 'array':
      return rebuild(s, { element: strictDeep(def.element) }) as T;
    case 'tuple':
      return rebuild(s, { items: def.items.map((i: z.ZodType) => strictDeep(i)), rest: def.rest ? strictDeep(def.rest) : def.rest }) as T;
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'nonoptional':
    case 'readonly':
    case 'catch':
      return rebuild(s, { innerType: strictDeep(def.innerType) }) as T;
    case 'union':
      return rebuild(s, { options: def.options.map((o: z.ZodType) => strictDeep(o)) }) as T;
    case 'intersection':
      return rebuild(s, { left: strictDeep(def.left), right: strictDeep(def.right) }) as T;
    case 'record':
      return rebuild(s, { valueType: strictDeep(def.valueType) }) as T;
    case 'pipe':
      // Only the input side meets the client's JSON.
      return rebuild(s, { in: strictDeep(def.in) }) as T;
    default:
      return schema;
  }
}

/** What a route without a query (or body) schema accepts: nothing. */
export const nothing = z.strictObject({});
