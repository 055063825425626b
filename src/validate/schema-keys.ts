/** What a schema allows at a path: the keys of the object there (for "did you mean"). */
import type { z } from 'zod';
import type { PathSegment } from '../problems/problem.js';

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  options?: z.ZodType[];
  valueType?: z.ZodType;
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** Peels wrappers (optional, default, pipe…) and returns every object-like schema reachable. */
function objectsOf(schema: z.ZodType, seen = 0): z.ZodType[] {
  if (seen > 20) return [];
  const def = defOf(schema);
  if (def.type === 'object' || def.type === 'record' || def.type === 'array') return [schema];
  if (def.innerType) return objectsOf(def.innerType, seen + 1);
  if (def.type === 'pipe')
    return [def.in, def.out].flatMap((s) => (s ? objectsOf(s, seen + 1) : []));
  if (def.options) return def.options.flatMap((s) => objectsOf(s, seen + 1));
  return [];
}

/**
 * The object schemas `path` leads to from `schema`: through object fields and array items, and
 * through record values when `records` is set.
 */
function objectsAt(schema: z.ZodType, path: readonly PathSegment[], records: boolean): z.ZodType[] {
  let current = objectsOf(schema);
  for (const segment of path) {
    const next: z.ZodType[] = [];
    for (const s of current) {
      const def = defOf(s);
      if (def.type === 'object' && typeof segment === 'string' && def.shape?.[segment])
        next.push(...objectsOf(def.shape[segment]));
      else if (def.type === 'array' && typeof segment === 'number' && def.element)
        next.push(...objectsOf(def.element));
      else if (records && def.type === 'record' && def.valueType)
        next.push(...objectsOf(def.valueType));
    }
    current = next;
  }
  return current;
}

export function knownKeysAt(schema: z.ZodType, path: readonly PathSegment[]): string[] {
  const current = objectsAt(schema, path, true);
  return [
    ...new Set(
      current.flatMap((s) => (defOf(s).type === 'object' ? Object.keys(defOf(s).shape ?? {}) : [])),
    ),
  ];
}

/** Whether the field at `path` may be left out (optional, or with a default). */
export function isOptionalAt(schema: z.ZodType, path: readonly PathSegment[]): boolean {
  const field = path.at(-1);
  if (typeof field !== 'string') return false;
  return objectsAt(schema, path.slice(0, -1), false).some((s) => {
    const def = defOf(s);
    const type = def.type === 'object' ? def.shape?.[field] : undefined;
    return type !== undefined && ['optional', 'default'].includes(defOf(type).type);
  });
}
