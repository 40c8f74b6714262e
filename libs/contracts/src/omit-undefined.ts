/** Returns a copy without the keys whose value is undefined, so they stay out of the JSON. */
export function omitUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as T;
}
